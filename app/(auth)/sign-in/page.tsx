import Link from "next/link";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata = { title: "Sign in" };

/** Only same-site paths: a sign-in link must not send people elsewhere. */
function safeCallback(value: string | string[] | undefined): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/applications";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={safeCallback(params.callbackUrl)} />
      <p className="mt-4 text-sm text-slate-600">
        No account yet? <Link className="text-indigo-700 underline" href="/sign-up">Sign up</Link>
      </p>
    </>
  );
}

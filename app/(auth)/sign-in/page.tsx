import Link from "next/link";
import { SignInForm } from "@/components/auth/sign-in-form";
import { returnPathAfterSignIn } from "@/lib/auth";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={returnPathAfterSignIn(params.callbackUrl)} />
      <p className="mt-4 text-sm text-slate-600">
        No account yet?{" "}
        <Link className="text-indigo-700 underline" href="/sign-up">
          Sign up
        </Link>
      </p>
    </>
  );
}

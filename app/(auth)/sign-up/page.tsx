import Link from "next/link";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { isSignUpOpen } from "@/lib/users";
import { signUpAction } from "./actions";

export const metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const invitation = typeof params.invitation === "string" ? params.invitation : undefined;
  const { firstAccount, mode } = await isSignUpOpen();
  const needsInvitation = !firstAccount && mode === "invite" && !invitation;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Create your Latchkey account</h1>
      {needsInvitation ? (
        <p className="text-sm text-slate-700">This vault is invitation-only. Ask an administrator for an invitation link, then open it to sign up.</p>
      ) : (
        <SignUpForm action={signUpAction} invitation={invitation} firstAccount={firstAccount} />
      )}
      <p className="mt-4 text-sm text-slate-600">
        Already have an account?{" "}
        <Link className="text-indigo-700 underline" href="/sign-in">
          Sign in
        </Link>
      </p>
    </>
  );
}

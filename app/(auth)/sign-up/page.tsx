import Link from "next/link";
import { roleLabels } from "@/components/admin/roles";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { formatDate } from "@/components/ui/format";
import { isSignUpOpen, previewInvitation } from "@/lib/users";
import { signUpAction } from "./actions";

export const metadata = { title: "Sign up" };

/** "an admin", "a developer". */
const withArticle = (label: string) => `${/^[aeiou]/i.test(label) ? "an" : "a"} ${label.toLowerCase()}`;

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const invitation = typeof params.invitation === "string" ? params.invitation : undefined;
  const { firstAccount, mode } = await isSignUpOpen();
  const invited = invitation ? await previewInvitation(invitation) : null;
  const needsInvitation = !firstAccount && mode === "invite";
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Create your Latchkey account</h1>
      {needsInvitation && !invitation ? (
        <p className="text-sm text-slate-700">This vault is invitation-only. Ask an administrator for an invitation link, then open it to sign up.</p>
      ) : needsInvitation && !invited ? (
        <p className="text-sm text-slate-700">This invitation link no longer works: it was used, revoked or has expired. Ask an administrator for a new one.</p>
      ) : (
        <>
          {invited ? (
            <p className="mb-4 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
              {invited.invitedBy} invited you to join as {withArticle(roleLabels[invited.role])}. The invitation works until {formatDate(invited.expiresAt)}.
            </p>
          ) : null}
          <SignUpForm action={signUpAction} invitation={invitation} invitedEmail={invited?.email} firstAccount={firstAccount} />
        </>
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

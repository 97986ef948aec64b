"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { FormState } from "@/lib/forms/state";
import { formText } from "@/lib/forms/text";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";

type Props = {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  invitation?: string;
  /** The address the invitation is for: filled in and not editable. */
  invitedEmail?: string | null;
  firstAccount: boolean;
};

/** Each answer counts as an attempt, so the password field starts empty after every failed one. */
type Attempted = FormState & { attempt: number };

export function SignUpForm({ action, invitation, invitedEmail, firstAccount }: Props) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(
    async (previous: Attempted, formData: FormData): Promise<Attempted> => ({ ...(await action(previous, formData)), attempt: previous.attempt + 1 }),
    { status: "idle", attempt: 0 },
  );
  const credentials = useRef<{ email: string; password: string }>(null);

  // Once the account exists, sign in with what was just typed.
  useEffect(() => {
    if (state.status !== "success" || !credentials.current) return;
    const { email, password } = credentials.current;
    credentials.current = null;
    void signIn("credentials", { email, password, redirect: false }).then(() => {
      router.push("/applications");
      router.refresh();
    });
  }, [state, router]);

  // Submitting through the action by hand keeps what was typed when sign-up fails
  // (React resets a form after a form-action submission); only the password is cleared.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    credentials.current = { email: formText(formData, "email"), password: formText(formData, "password") };
    startTransition(() => formAction(formData));
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {firstAccount ? <p className="text-sm text-slate-700">This is the first account: it becomes the administrator.</p> : null}
      {invitation ? <input type="hidden" name="invitation" value={invitation} /> : null}
      <Field label="Name" name="name" autoComplete="name" maxLength={100} error={state.fieldErrors?.name} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={state.fieldErrors?.email}
        {...(invitedEmail ? { defaultValue: invitedEmail, readOnly: true, hint: "The invitation is for this address." } : {})}
      />
      <Field
        key={state.attempt}
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters."
        error={state.fieldErrors?.password}
      />
      <FormStatus
        status={state.status}
        message={state.fieldErrors?.invitation ?? (state.status === "success" ? "Account created. Signing you in…" : state.message)}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}

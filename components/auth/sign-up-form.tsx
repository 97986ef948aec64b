"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import type { FormState } from "@/lib/forms/state";
import { formText } from "@/lib/forms/text";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";

type Props = {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  invitation?: string;
  firstAccount: boolean;
};

export function SignUpForm({ action, invitation, firstAccount }: Props) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
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

  return (
    <form
      action={(formData) => {
        credentials.current = { email: formText(formData, "email"), password: formText(formData, "password") };
        formAction(formData);
      }}
      className="space-y-4"
      noValidate
    >
      {firstAccount ? <p className="text-sm text-slate-700">This is the first account: it becomes the administrator.</p> : null}
      {invitation ? <input type="hidden" name="invitation" value={invitation} /> : null}
      <Field label="Name" name="name" autoComplete="name" maxLength={100} error={state.fieldErrors?.name} />
      <Field label="Email" name="email" type="email" autoComplete="email" required error={state.fieldErrors?.email} />
      <Field
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

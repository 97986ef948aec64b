"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  // Run fire and forget from onSubmit: every outcome ends in the form's status line.
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    // signIn rejects when the server cannot be reached or answers with an error page: say so rather than spin forever.
    const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false }).catch(() => null);
    setPending(false);
    if (result === null) {
      setError("Latchkey could not be reached. Please try again.");
      return;
    }
    if (!result || result.error) {
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "That email and password do not match an active account.");
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate>
      <Field label="Email" name="email" type="email" autoComplete="email" required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <FormStatus status={error ? "error" : "idle"} message={error} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}

"use client";

import { createContext, startTransition, useActionState, useContext, useState, type FormEvent, type ReactNode } from "react";
import type { FormState } from "@/lib/forms/state";
import { Button } from "./button";
import { CopyField } from "./copy-field";
import { FormStatus } from "./form-status";

const FormStateContext = createContext<FormState>({ status: "idle" });

/** The state of the enclosing ActionForm, so fields can show their own error. */
export function useFormState(): FormState {
  return useContext(FormStateContext);
}

type Props = {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  children?: ReactNode;
  submitLabel: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger";
  /** When set, the submit button first asks for confirmation with these words. */
  confirm?: ReactNode;
  /** Label of the read-only field that shows a one-time value (an API key, a link). */
  revealedLabel?: string;
  className?: string;
};

/** A form posting to a server action, showing the outcome and per-field errors. */
export function ActionForm({ action, children, submitLabel, pendingLabel, variant = "primary", confirm, revealedLabel, className = "" }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const [confirming, setConfirming] = useState(false);
  const fieldLess = !children;

  // Submitting through the action by hand keeps what the person typed when
  // validation fails (React resets a form after a form-action submission).
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    setConfirming(false);
    startTransition(() => formAction(formData));
  }

  return (
    <FormStateContext.Provider value={state}>
      <form action={formAction} onSubmit={submit} className={`${fieldLess ? "inline" : "space-y-4"} ${className}`} noValidate>
        {children}
        {confirm && !confirming ? (
          <Button type="button" variant={variant} onClick={() => setConfirming(true)}>
            {submitLabel}
          </Button>
        ) : null}
        {confirm && confirming ? (
          <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            <div>{confirm}</div>
            <div className="flex gap-2">
              <Button type="submit" variant={variant} disabled={pending}>
                {`Yes, ${submitLabel.toLowerCase()}`}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </div>
          </div>
        ) : null}
        {!confirm ? (
          <Button type="submit" variant={variant} disabled={pending}>
            {pending && pendingLabel ? pendingLabel : submitLabel}
          </Button>
        ) : null}
        <FormStatus status={state.status} message={state.message} />
        {state.revealed && revealedLabel ? (
          <CopyField id={`revealed-${revealedLabel.replace(/\W+/g, "-").toLowerCase()}`} label={revealedLabel} value={state.revealed} />
        ) : null}
      </form>
    </FormStateContext.Provider>
  );
}

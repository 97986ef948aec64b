"use client";

import { createContext, startTransition, useActionState, useContext, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { FormState } from "@/lib/forms/state";
import { Button } from "./button";
import { ConfirmDialog } from "./confirm-dialog";
import { CopyField } from "./copy-field";
import { FormStatus } from "./form-status";
import { MenuItemButton, useMenu } from "./menu";

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
  /** When set, the submit button first asks for confirmation in a dialog, with these words. */
  confirm?: ReactNode;
  /** Label of the read-only field that shows a one-time value (an API key, a link). */
  revealedLabel?: string;
  className?: string;
};

/** A form posting to a server action, showing the outcome and per-field errors. */
export function ActionForm({ action, children, submitLabel, pendingLabel, variant = "primary", confirm, revealedLabel, className = "" }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  // The state when the dialog opened: a newer success closes it, a newer error is said inside it.
  const [confirming, setConfirming] = useState<FormState | null>(null);
  const answered = confirming !== null && state !== confirming;
  const dialogOpen = confirming !== null && !(answered && state.status === "success");
  const opener = useRef<HTMLElement | null>(null);
  const formId = useId();
  // In a row menu, the button is one of its items.
  const menu = useMenu();
  const Trigger = menu ? MenuItemButton : Button;
  const fieldLess = !children;

  // Submitting through the action by hand keeps what the person typed when
  // validation fails (React resets a form after a form-action submission).
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    // A confirm button sits in the dialog, outside the form: it is the submitter only when inside.
    const formData = new FormData(event.currentTarget, submitter && event.currentTarget.contains(submitter) ? submitter : null);
    startTransition(() => formAction(formData));
  }

  return (
    <FormStateContext.Provider value={state}>
      <form id={formId} action={formAction} onSubmit={submit} className={`${fieldLess ? "inline" : "space-y-4"} ${className}`} noValidate>
        {children}
        {confirm ? (
          <Trigger
            type="button"
            variant={variant}
            aria-haspopup="dialog"
            onClick={(event) => {
              opener.current = event.currentTarget;
              menu?.close();
              setConfirming(state);
            }}
          >
            {submitLabel}
          </Trigger>
        ) : null}
        {confirm ? (
          <ConfirmDialog
            open={dialogOpen}
            onCancel={() => setConfirming(null)}
            title={`${submitLabel}?`}
            confirmLabel={pending && pendingLabel ? pendingLabel : `Yes, ${submitLabel.toLowerCase()}`}
            form={formId}
            variant={variant === "danger" ? "danger" : "primary"}
            pending={pending}
            error={answered && state.status === "error" ? state.message : undefined}
            returnFocusTo={() => menu?.button() ?? opener.current}
          >
            {confirm}
          </ConfirmDialog>
        ) : null}
        {!confirm ? (
          <Trigger type="submit" variant={variant} disabled={pending}>
            {pending && pendingLabel ? pendingLabel : submitLabel}
          </Trigger>
        ) : null}
        {/* While the dialog is open, the outcome is said in it. */}
        <FormStatus status={state.status} message={dialogOpen ? undefined : state.message} />
        {state.revealed && revealedLabel ? (
          <CopyField id={`revealed-${revealedLabel.replace(/\W+/g, "-").toLowerCase()}`} label={revealedLabel} value={state.revealed} />
        ) : null}
      </form>
    </FormStateContext.Provider>
  );
}

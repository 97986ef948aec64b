"use client";

import { createContext, startTransition, useActionState, useContext, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { FormState } from "@/lib/forms/state";
import { Button } from "./button";
import { ConfirmDialog } from "./confirm-dialog";
import { CopyField } from "./copy-field";
import { FormStatus } from "./form-status";
import { MenuItemButton, useMenu } from "./menu";
import { useRowOutcome } from "./row-outcome";

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
  // In a row menu, the button is one of its items, and the outcome is said beside the table
  // (RowOutcome): the menu holds only items, is hidden once one runs, and may go with its row.
  const menu = useMenu();
  const outcome = useRowOutcome();
  if (menu && !outcome) throw new Error("An ActionForm in a RowMenu needs a RowOutcome around its table.");
  const [state, formAction, pending] = useActionState(
    menu
      ? async (previous: FormState, formData: FormData) => {
          const next = await action(previous, formData);
          // A confirmed action's error is said in its dialog, which stays open.
          if (!confirm || next.status === "success") outcome?.show(next);
          return next;
        }
      : action,
    { status: "idle" },
  );
  // The state when the dialog opened: a newer success closes it, a newer error is said inside it.
  const [confirming, setConfirming] = useState<FormState | null>(null);
  const answered = confirming !== null && state !== confirming;
  const dialogOpen = confirming !== null && !(answered && state.status === "success");
  const opener = useRef<HTMLElement | null>(null);
  const formId = useId();
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
            returnFocusTo={() => {
              if (!menu) return opener.current;
              // The menu's button, unless the action removed it (a revoked key's row has none): then its outcome.
              const button = menu.button();
              return button?.isConnected ? button : (outcome?.status() ?? null);
            }}
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
        {menu ? null : <FormStatus status={state.status} message={dialogOpen ? undefined : state.message} />}
        {state.revealed && revealedLabel && !menu ? (
          <CopyField id={`revealed-${revealedLabel.replace(/\W+/g, "-").toLowerCase()}`} label={revealedLabel} value={state.revealed} />
        ) : null}
      </form>
    </FormStateContext.Provider>
  );
}

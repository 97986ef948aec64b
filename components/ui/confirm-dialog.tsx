"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { Button } from "./button";
import { FormStatus } from "./form-status";

type Props = {
  /** Shown while open; the parent owns the state. */
  open: boolean;
  /** Cancel, Escape, or the dialog closed by the browser. */
  onCancel: () => void;
  title: string;
  /** What will happen: the dialog's accessible description. */
  children: ReactNode;
  /** The confirm button's words, e.g. "Yes, revoke backend". */
  confirmLabel: string;
  /** The form the confirm button submits (its id): the dialog lives outside it, in the top layer. */
  form: string;
  variant?: "primary" | "danger";
  pending?: boolean;
  /** An error from the last attempt, said inside the dialog so it is seen while it stays open. */
  error?: string;
  /** Where focus goes back to when the dialog closes (the button that opened it, or the menu button it sat in). */
  returnFocusTo: () => HTMLElement | null;
};

/**
 * A modal confirmation: a <dialog> opened with showModal, so the page behind is inert, focus
 * moves into it (to Cancel, the safe choice), Escape closes it, and focus returns to the opener.
 * Rendered into <body> so a dialog opened from a row menu survives the menu closing.
 */
export function ConfirmDialog({ open, onCancel, title, children, confirmLabel, form, variant = "danger", pending = false, error, returnFocusTo }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  // Latest callbacks, read by the effect without reopening the dialog when they change.
  const callbacks = useRef({ onCancel, returnFocusTo });
  useEffect(() => {
    callbacks.current = { onCancel, returnFocusTo };
  });

  useEffect(() => {
    const element = dialog.current;
    if (!open || !element) return;
    element.showModal();
    // Focus goes to Cancel, the safe choice (by itself showModal may focus the dialog instead).
    element.querySelector<HTMLButtonElement>("button[data-cancel]")?.focus();
    return () => {
      if (element.open) element.close();
      callbacks.current.returnFocusTo()?.focus();
    };
  }, [open]);

  if (!open) return null;
  return createPortal(
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(event) => {
        // Escape: React state closes it, so focus goes back the same way as Cancel.
        event.preventDefault();
        callbacks.current.onCancel();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <div id={descriptionId} className="mt-2 space-y-2 text-sm text-slate-700">
        {children}
      </div>
      {error ? <FormStatus status="error" message={error} /> : null}
      <div className="mt-6 flex flex-wrap justify-end gap-2">
        <Button type="button" data-cancel variant="secondary" onClick={() => callbacks.current.onCancel()}>
          Cancel
        </Button>
        <Button type="submit" form={form} variant={variant} disabled={pending}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>,
    document.body,
  );
}

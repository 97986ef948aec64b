"use client";

import type { InputHTMLAttributes, ReactNode } from "react";
import { useFormState } from "./action-form";

/** A labelled input with its hint and its error beside it; the error is announced and tied to the input. */
export function Field({
  label,
  name,
  hint,
  error,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; hint?: ReactNode; error?: string }) {
  const formError = useFormState().fieldErrors?.[name];
  error ??= formError;
  const id = input.id ?? `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-invalid:border-red-500"
        {...input}
      />
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

export function FieldError({ id, message }: { id?: string; message?: string }) {
  return (
    <p id={id} className="text-sm text-red-700" aria-live="polite">
      {message}
    </p>
  );
}

"use client";

import type { ReactNode, TextareaHTMLAttributes } from "react";
import { useFormState } from "./action-form";
import { FieldError } from "./field";

/** A labelled multi-line field with its hint and errors beside it, announced and tied to it like Field's. */
export function Textarea({ label, name, hint, ...textarea }: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; hint?: ReactNode }) {
  // A list typed one item per line gets one error per bad line (`name.2`): show them all.
  const errors = Object.entries(useFormState().fieldErrors ?? {})
    .filter(([path]) => path === name || path.startsWith(`${name}.`))
    .map(([, message]) => message);
  const id = textarea.id ?? `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length ? `${id}-error` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-invalid:border-red-500"
        {...textarea}
      />
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId} message={errors.join(" ")} />
    </div>
  );
}

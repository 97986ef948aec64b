"use client";

import type { SelectHTMLAttributes } from "react";
import { useFormState } from "./action-form";
import { FieldError } from "./field";

export function Select({
  label,
  name,
  options,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; options: { value: string; label: string }[] }) {
  const id = select.id ?? `select-${name}`;
  const error = useFormState().fieldErrors?.[name];
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        className="block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError message={error} />
    </div>
  );
}

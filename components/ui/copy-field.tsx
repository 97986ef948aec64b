"use client";

import { CopyButton } from "./copy-button";

/** A read-only value with a Copy button that says when it copied. */
export function CopyField({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="block min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-100 px-3 py-2 font-mono text-sm"
        />
        <CopyButton label={label} value={value} />
      </div>
    </div>
  );
}

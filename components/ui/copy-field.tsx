"use client";

import { useState } from "react";
import { Button } from "./button";

/** A read-only value with a Copy button that says when it copied. */
export function CopyField({ label, value, id }: { label: string; value: string; id: string }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  // Called fire and forget from the button: it reports its own failure in the status line.
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full rounded-md border border-slate-300 bg-slate-100 px-3 py-2 font-mono text-sm"
        />
        <Button type="button" variant="secondary" onClick={() => void copy()} aria-label={`Copy ${label}`}>
          Copy
        </Button>
      </div>
      <p role="status" aria-live="polite" className="text-xs text-slate-600">
        {copied === "copied" ? `${label} copied to the clipboard.` : copied === "failed" ? "Could not copy: select the text and copy it by hand." : ""}
      </p>
    </div>
  );
}

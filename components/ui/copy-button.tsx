"use client";

import { useState } from "react";
import { Button } from "./button";

/** A Copy button for a value shown nearby, named after it ("Copy Redirect URI"), with a status line that says when it copied. */
export function CopyButton({ label, value }: { label: string; value: string }) {
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
    <>
      <Button type="button" variant="secondary" onClick={() => void copy()} aria-label={`Copy ${label}`}>
        Copy
      </Button>
      <span role="status" aria-live="polite" className="text-xs text-slate-600">
        {copied === "copied" ? `${label} copied to the clipboard.` : copied === "failed" ? "Could not copy: select the text and copy it by hand." : ""}
      </span>
    </>
  );
}

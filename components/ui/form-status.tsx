import type { Ref } from "react";

/** The outcome of a form, announced to screen readers. Given a ref, it can take focus (when the control that acted is gone). */
export function FormStatus({ status, message, ref }: { status: "idle" | "error" | "success"; message?: string; ref?: Ref<HTMLParagraphElement> }) {
  const focusable = ref ? -1 : undefined;
  if (!message) return <p ref={ref} tabIndex={focusable} role="status" aria-live="polite" className="sr-only" />;
  const tone = status === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-emerald-200 bg-emerald-50 text-emerald-800";
  return (
    <p ref={ref} tabIndex={focusable} role="status" aria-live="polite" className={`rounded-md border px-3 py-2 text-sm ${tone}`}>
      {message}
    </p>
  );
}

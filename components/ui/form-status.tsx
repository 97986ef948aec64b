/** The outcome of a form, announced to screen readers. */
export function FormStatus({ status, message }: { status: "idle" | "error" | "success"; message?: string }) {
  if (!message) return <p role="status" aria-live="polite" className="sr-only" />;
  const tone = status === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-emerald-200 bg-emerald-50 text-emerald-800";
  return (
    <p role="status" aria-live="polite" className={`rounded-md border px-3 py-2 text-sm ${tone}`}>
      {message}
    </p>
  );
}

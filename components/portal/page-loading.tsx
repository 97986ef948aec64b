/** Shown at once while a slow list loads, so a click is answered; announced politely. */
export function PageLoading() {
  return (
    <p role="status" className="py-8 text-sm text-slate-600">
      Loading…
    </p>
  );
}

/** A date as people read it in the portal (UTC, so server and browser agree). */
export function formatDate(date: Date | null | undefined): string {
  if (!date) return "—";
  return date.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

import { formatDate } from "@/components/ui/format";
import type { ConnectionView } from "@/lib/connections";

/** A connection view's ISO timestamp, as the portal shows dates. */
export function isoDate(iso: string | null): string {
  return formatDate(iso ? new Date(iso) : null);
}

/** A revoked connection has no token left, and one needing re-authorization no usable one: no expiry to show. */
export function tokenExpiry(view: ConnectionView): string {
  return view.status === "active" ? isoDate(view.expiresAt) : "—";
}

import { formatDate } from "@/components/ui/format";
import type { WebhookEndpointView } from "@/lib/webhooks";

/** Whether the endpoint gets events, in words: the vault disables one that failed for 3 days. */
export function endpointStatus(endpoint: WebhookEndpointView): string {
  if (endpoint.disabledReason === "failing") {
    return `Disabled: every delivery failed for 3 days${endpoint.failingSince ? ` (failing since ${formatDate(endpoint.failingSince)})` : ""}, so nothing is sent to it. Fix the receiver, then enable it.`;
  }
  if (endpoint.disabledReason === "developer") return "Turned off: nothing is sent to it.";
  if (endpoint.failingSince) return `Active, but failing since ${formatDate(endpoint.failingSince)}: it is disabled after 3 days of failures.`;
  return "Active";
}

export function eventsSummary(endpoint: WebhookEndpointView): string {
  return endpoint.events.length === 0 ? "All events" : endpoint.events.join(", ");
}

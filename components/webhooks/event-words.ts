import type { WebhookEventType } from "@/lib/webhooks";

/** Each event as the portal names it beside its type. */
export const eventWords = {
  "connection.created": "An end user connected an account",
  "connection.reconnected": "An end user connected an account again",
  "connection.needs_reauthorization": "A connection needs its end user to connect again",
  "connection.refresh_failed": "Refreshing a connection's token keeps failing (temporarily)",
  "connection.recovered": "A connection works again after failed refreshes",
  "connection.deleted": "A connection was disconnected",
  "provider.credentials_rejected": "The provider rejected the application's Client ID or Secret",
} as const satisfies Record<WebhookEventType, string>;

/** The test event is sent to one endpoint on request, whatever events it listens to. */
export function eventLabel(type: string): string {
  if (type === "webhook.test") return "Test event";
  return Object.hasOwn(eventWords, type) ? eventWords[type as WebhookEventType] : type;
}

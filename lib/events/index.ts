// The webhook outbox's writer. Every change a developer's backend hears about
// writes its event here, with the transaction client of the change itself, so
// the event exists exactly when the change does (a crash between the change and
// its delivery loses nothing; a rolled-back change sends nothing). Floor 3a,
// beside audit, because the provider settings store writes events too;
// lib/webhooks (floor 4) delivers them.
import "server-only";

export {
  WEBHOOK_EVENT_TYPES,
  recordConnectionEvent,
  recordCredentialsRejected,
  recordEvent,
  refreshFailureSentSince,
  type WebhookEventType,
  type DeletedBy,
} from "./record";
export { revokeConnections } from "./revoke-connections";

// An application's webhook endpoints: where its backend hears about its
// connections. Managing them, the delivery history with Resend, a test event,
// and the worker that delivers the outbox lib/events writes.
import "server-only";

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../events";
export { createEndpointInput, updateEndpointInput, deliveryPageInput } from "./schemas";
export { listEndpoints, createEndpoint, updateEndpoint, rotateSecret, deleteEndpoint, type WebhookEndpointView } from "./endpoints";
export { listDeliveries, resendDelivery, sendTestEvent, type DeliveryPage, type DeliveryStatus, type WebhookDeliveryView } from "./deliveries";
export { setWebhookResolver, type Resolve } from "./url-check";
export { deliverDueWebhooks, pruneWebhookHistory, retryDelayMs, startWebhookWorker, HISTORY_DAYS, MAX_ATTEMPTS, type DeliveryRun } from "./worker";

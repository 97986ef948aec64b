// An application's webhook endpoints: where its backend hears about its
// connections. Managing them (owner or admin, like the application itself, and
// audited), the delivery history with Resend, a test event, and the worker
// that delivers the outbox lib/events writes.
import "server-only";
import type { Actor } from "../actor";
import { getApplication } from "../applications";
import { auditRow, userActor } from "../audit";
import { getConfig } from "../config";
import type { Secret } from "../crypto";
import { db, type WebhookDelivery, type WebhookEndpoint } from "../db";
import { Conflict, NotFound, ValidationFailed } from "../errors";
import { recordEvent, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../events";
import { newId } from "../ids";
import { afterCursor, decodeCursor, encodeCursor } from "../pagination";
import { parseInput } from "../validation";
import { createEndpointInput, deliveryPageInput, updateEndpointInput } from "./schemas";
import { newSigningSecret, openCurrentSecret, sealSigningSecret } from "./secrets";
import { checkEndpointUrl, UrlRefused } from "./url-check";

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../events";
export { createEndpointInput, updateEndpointInput, deliveryPageInput } from "./schemas";
export { setWebhookResolver, type Resolve } from "./url-check";
export { deliverDueWebhooks, pruneWebhookHistory, retryDelayMs, startWebhookWorker, HISTORY_DAYS, MAX_ATTEMPTS, type DeliveryRun } from "./worker";

/** The previous secret keeps signing this long after a rotation, so receivers can switch over. */
const PREVIOUS_SECRET_VALID_MS = 24 * 3_600_000;
const DELIVERIES_PER_PAGE = 20;

export type WebhookEndpointView = {
  id: string;
  applicationId: string;
  url: string;
  /** The event types it receives; empty means every type. */
  events: WebhookEventType[];
  /** Null while enabled. */
  disabledAt: Date | null;
  /** "failing": disabled by the vault after 3 days of failed attempts; "developer": turned off in the portal. */
  disabledReason: "failing" | "developer" | null;
  /** Since when every attempt has failed; null when the last one succeeded. */
  failingSince: Date | null;
  /** Until when the secret replaced by the last rotation still signs; null when none does. */
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
};

export type DeliveryStatus = "pending" | "succeeded" | "failed";

export type WebhookDeliveryView = {
  id: string;
  /** The `webhook-id` of every attempt. */
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  /** The first 1 KB of the last answer's body. */
  lastBodyExcerpt: string | null;
  /** Why the last attempt got no answer (timeout, refused connection, URL refused). */
  lastError: string | null;
  lastAttemptAt: Date | null;
  /** When the next attempt is due; null once succeeded or failed. */
  nextAttemptAt: Date | null;
  createdAt: Date;
};

export type DeliveryPage = { items: WebhookDeliveryView[]; nextCursor: string | null };

export async function listEndpoints(actor: Actor, applicationId: string): Promise<WebhookEndpointView[]> {
  const application = await getApplication(actor, applicationId);
  const prisma = await db();
  const endpoints = await prisma.webhookEndpoint.findMany({ where: { applicationId: application.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return endpoints.map(endpointView);
}

/** Adds an endpoint; its signing secret is returned this once and only stored sealed. */
export async function createEndpoint(actor: Actor, applicationId: string, input: unknown): Promise<{ endpoint: WebhookEndpointView; secret: Secret }> {
  const { url, events } = parseInput(createEndpointInput, input);
  const application = await getApplication(actor, applicationId);
  await refuseUnsafeUrl(url);
  const id = newId("whep");
  const secret = newSigningSecret();
  const prisma = await db();
  const [endpoint] = await prisma.$transaction([
    prisma.webhookEndpoint.create({
      data: { id, applicationId: application.id, url, events: events.join(" "), secret: sealSigningSecret(id, "secret", secret) },
    }),
    prisma.auditEvent.create({
      data: auditRow({
        action: "webhook.endpoint_created",
        actor: userActor(actor),
        applicationId: application.id,
        details: { endpointId: id, url: auditedUrl(url), events },
      }),
    }),
  ]);
  return { endpoint: endpointView(endpoint), secret };
}

/** Changes the URL or the events, or turns the endpoint off or back on (which also clears a disabling for failures). */
export async function updateEndpoint(actor: Actor, applicationId: string, endpointId: string, input: unknown): Promise<WebhookEndpointView> {
  const changes = parseInput(updateEndpointInput, input);
  const existing = await findEndpoint(actor, applicationId, endpointId);
  if (changes.url !== undefined) await refuseUnsafeUrl(changes.url);
  const enabling = changes.enabled === true && existing.disabledAt !== null;
  const disabling = changes.enabled === false && existing.disabledAt === null;
  const prisma = await db();
  const [endpoint] = await prisma.$transaction([
    prisma.webhookEndpoint.update({
      where: { id: existing.id },
      data: {
        ...(changes.url !== undefined ? { url: changes.url } : {}),
        ...(changes.events !== undefined ? { events: changes.events.join(" ") } : {}),
        ...(enabling ? { disabledAt: null, disabledReason: null, failingSince: null } : {}),
        ...(disabling ? { disabledAt: new Date(), disabledReason: "developer" } : {}),
      },
    }),
    prisma.auditEvent.create({
      data: auditRow({
        action: "webhook.endpoint_updated",
        actor: userActor(actor),
        applicationId: existing.applicationId,
        details: { endpointId: existing.id, ...changes, ...(changes.url !== undefined ? { url: auditedUrl(changes.url) } : {}) },
      }),
    }),
  ]);
  return endpointView(endpoint);
}

/** A new signing secret, returned once; the previous one keeps signing beside it for 24 h. */
export async function rotateSecret(actor: Actor, applicationId: string, endpointId: string): Promise<{ secret: Secret; previousSecretExpiresAt: Date }> {
  const existing = await findEndpoint(actor, applicationId, endpointId);
  const secret = newSigningSecret();
  const previousSecretExpiresAt = new Date(Date.now() + PREVIOUS_SECRET_VALID_MS);
  const prisma = await db();
  const current = openCurrentSecret(existing);
  await prisma.$transaction([
    prisma.webhookEndpoint.update({
      where: { id: existing.id },
      data: {
        secret: sealSigningSecret(existing.id, "secret", secret),
        previousSecret: sealSigningSecret(existing.id, "previousSecret", current),
        previousSecretExpiresAt,
      },
    }),
    prisma.auditEvent.create({
      data: auditRow({
        action: "webhook.secret_rotated",
        actor: userActor(actor),
        applicationId: existing.applicationId,
        details: { endpointId: existing.id },
      }),
    }),
  ]);
  return { secret, previousSecretExpiresAt };
}

/** Deletes the endpoint with its deliveries: nothing more is sent to it. */
export async function deleteEndpoint(actor: Actor, applicationId: string, endpointId: string): Promise<void> {
  const existing = await findEndpoint(actor, applicationId, endpointId);
  const prisma = await db();
  await prisma.$transaction([
    prisma.webhookEndpoint.delete({ where: { id: existing.id } }),
    prisma.auditEvent.create({
      data: auditRow({
        action: "webhook.endpoint_deleted",
        actor: userActor(actor),
        applicationId: existing.applicationId,
        details: { endpointId: existing.id, url: auditedUrl(existing.url) },
      }),
    }),
  ]);
}

/** The endpoint's deliveries, newest first, a page at a time. */
export async function listDeliveries(actor: Actor, applicationId: string, endpointId: string, input: unknown = {}): Promise<DeliveryPage> {
  const { cursor } = parseInput(deliveryPageInput, input);
  const endpoint = await findEndpoint(actor, applicationId, endpointId);
  const prisma = await db();
  const rows = await prisma.webhookDelivery.findMany({
    where: { endpointId: endpoint.id, ...afterCursor(cursor ? decodeCursor(cursor) : undefined) },
    include: { event: { select: { type: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: DELIVERIES_PER_PAGE + 1,
  });
  const hasMore = rows.length > DELIVERIES_PER_PAGE;
  const page = hasMore ? rows.slice(0, DELIVERIES_PER_PAGE) : rows;
  return { items: page.map(deliveryView), nextCursor: hasMore ? encodeCursor(page[page.length - 1]!) : null };
}

/** Sends the delivery's event again, with the same `webhook-id`, starting a fresh series of attempts now. */
export async function resendDelivery(actor: Actor, applicationId: string, deliveryId: string): Promise<WebhookDeliveryView> {
  const application = await getApplication(actor, applicationId);
  const prisma = await db();
  const existing = await prisma.webhookDelivery.findFirst({
    where: { id: deliveryId, endpoint: { applicationId: application.id } },
    include: { endpoint: true },
  });
  if (!existing) throw new NotFound("The delivery");
  if (existing.endpoint.disabledAt) throw new Conflict("The endpoint is disabled: enable it first, then resend.", "webhook_endpoint_disabled");
  const [delivery] = await prisma.$transaction([
    prisma.webhookDelivery.update({
      where: { id: existing.id },
      data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), completedAt: null },
      include: { event: { select: { type: true } } },
    }),
    prisma.auditEvent.create({
      data: auditRow({
        action: "webhook.delivery_resent",
        actor: userActor(actor),
        applicationId: application.id,
        details: { endpointId: existing.endpointId, deliveryId: existing.id, eventId: existing.eventId },
      }),
    }),
  ]);
  return deliveryView(delivery);
}

/** Queues a `webhook.test` event for this endpoint alone (whatever events it listens to); the worker sends it like any other. */
export async function sendTestEvent(actor: Actor, applicationId: string, endpointId: string): Promise<{ eventId: string }> {
  const endpoint = await findEndpoint(actor, applicationId, endpointId);
  if (endpoint.disabledAt) throw new Conflict("The endpoint is disabled: enable it first, then send a test event.", "webhook_endpoint_disabled");
  const prisma = await db();
  const eventId = await prisma.$transaction(async (tx) => {
    const id = await recordEvent(tx, endpoint.applicationId, "webhook.test", { endpointId: endpoint.id }, { endpointId: endpoint.id });
    await tx.auditEvent.create({
      data: auditRow({
        action: "webhook.test_sent",
        actor: userActor(actor),
        applicationId: endpoint.applicationId,
        details: { endpointId: endpoint.id, eventId: id },
      }),
    });
    return id;
  });
  return { eventId: eventId! };
}

async function findEndpoint(actor: Actor, applicationId: string, endpointId: string): Promise<WebhookEndpoint> {
  const application = await getApplication(actor, applicationId);
  const prisma = await db();
  const endpoint = await prisma.webhookEndpoint.findFirst({ where: { id: endpointId, applicationId: application.id } });
  if (!endpoint) throw new NotFound("The webhook endpoint");
  return endpoint;
}

/** The save-time check: the same rules every attempt checks again. */
async function refuseUnsafeUrl(url: string): Promise<void> {
  try {
    await checkEndpointUrl(url, getConfig().webhookAllowPrivateNetworks);
  } catch (error) {
    if (error instanceof UrlRefused) throw new ValidationFailed([{ path: "url", message: error.message }], `${error.message} Nothing was saved.`);
    throw error;
  }
}

/** The URL as the audit log keeps it: receivers often put a token in the query, so the query is left out. */
function auditedUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

function endpointView(endpoint: WebhookEndpoint): WebhookEndpointView {
  const now = new Date();
  return {
    id: endpoint.id,
    applicationId: endpoint.applicationId,
    url: endpoint.url,
    events: endpoint.events.split(" ").filter((type): type is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type)),
    disabledAt: endpoint.disabledAt,
    disabledReason: endpoint.disabledAt ? (endpoint.disabledReason === "failing" ? "failing" : "developer") : null,
    failingSince: endpoint.failingSince,
    previousSecretExpiresAt: endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now ? endpoint.previousSecretExpiresAt : null,
    createdAt: endpoint.createdAt,
  };
}

function deliveryView(delivery: WebhookDelivery & { event: { type: string } }): WebhookDeliveryView {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.event.type,
    status: delivery.status as DeliveryStatus,
    attempts: delivery.attempts,
    lastStatus: delivery.lastStatus,
    lastBodyExcerpt: delivery.lastBody,
    lastError: delivery.lastError,
    lastAttemptAt: delivery.lastAttemptAt,
    nextAttemptAt: delivery.nextAttemptAt,
    createdAt: delivery.createdAt,
  };
}

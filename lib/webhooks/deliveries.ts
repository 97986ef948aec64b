// An endpoint's delivery history, Resend, and the test event.
import "server-only";
import type { Actor } from "../actor";
import { getApplication } from "../applications";
import { auditRow, userActor } from "../audit";
import { db, type WebhookDelivery } from "../db";
import { Conflict, NotFound } from "../errors";
import { recordEvent } from "../events";
import { afterCursor, decodeCursor, pageOf } from "../pagination";
import { parseInput } from "../validation";
import { findEndpoint } from "./endpoints";
import { deliveryPageInput } from "./schemas";

const DELIVERIES_PER_PAGE = 20;

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
  const page = pageOf(rows, DELIVERIES_PER_PAGE);
  return { items: page.items.map(deliveryView), nextCursor: page.nextCursor };
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
      // Clearing the lease makes an attempt in flight record nothing (its worker no longer holds it): the fresh series stands.
      data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), completedAt: null, leaseUntil: null, leaseOwner: null },
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

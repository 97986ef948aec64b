// Building and writing one event: its payload, its row in the outbox, and a
// pending delivery for each endpoint listening to its type. A payload carries
// facts about the connection, never a token or a secret.
import "server-only";
import type { Connection, Prisma, ProviderConfig } from "../db";
import { newId } from "../ids";

export const WEBHOOK_EVENT_TYPES = [
  "connection.created",
  "connection.reconnected",
  "connection.needs_reauthorization",
  "connection.refresh_failed",
  "connection.recovered",
  "connection.deleted",
  "provider.credentials_rejected",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
type ConnectionEventType = Exclude<WebhookEventType, "provider.credentials_rejected">;

/** Who removed a connection: a backend with an API key, a portal user, the end user on their page, or deleting the provider settings it used. */
export type DeletedBy = "api" | "portal" | "end_user" | "provider_settings";

/** The connection's status after each event, as the API spells it. */
const statusAfter = {
  "connection.created": "active",
  "connection.reconnected": "active",
  "connection.needs_reauthorization": "needs_reauthorization",
  "connection.refresh_failed": "active",
  "connection.recovered": "active",
  "connection.deleted": "revoked",
} as const satisfies Record<ConnectionEventType, string>;

type EventConnection = Pick<Connection, "id" | "applicationId" | "endUserId" | "provider" | "providerAccountId" | "accountLogin" | "accountName">;

type Writer = Pick<Prisma.TransactionClient, "webhookEndpoint" | "webhookEvent" | "webhookDelivery">;

/** Writes a connection event: `reason` says why (an OAuth error, a timeout), `by` who deleted it. */
export async function recordConnectionEvent(
  tx: Writer,
  type: ConnectionEventType,
  connection: EventConnection,
  extra: { reason?: string | null; by?: DeletedBy } = {},
): Promise<void> {
  await recordEvent(tx, connection.applicationId, type, {
    connectionId: connection.id,
    endUserId: connection.endUserId,
    provider: connection.provider,
    account: { id: connection.providerAccountId, login: connection.accountLogin, name: connection.accountName },
    status: statusAfter[type],
    ...(extra.reason ? { reason: extra.reason } : {}),
    ...(extra.by ? { by: extra.by } : {}),
  });
}

/**
 * Whether `connection.refresh_failed` was written for this connection since `since` (its last
 * successful refresh or connect, before which no failing streak can have started). Read from the
 * outbox, the record of what was sent, rather than from the failure count: a streak whose second
 * failure was a refused client sent nothing, and one whose count a fixed client reset did send it.
 */
export async function refreshFailureSentSince(
  tx: Pick<Prisma.TransactionClient, "webhookEvent">,
  connection: Pick<Connection, "id" | "applicationId">,
  since: Date,
): Promise<boolean> {
  const sent = await tx.webhookEvent.findFirst({
    where: {
      applicationId: connection.applicationId,
      type: "connection.refresh_failed",
      createdAt: { gt: since },
      payload: { contains: `"connectionId":${JSON.stringify(connection.id)}` },
    },
    select: { id: true },
  });
  return sent !== null;
}

/** The provider refused the application's Client ID or Secret (the OAuth error is the reason); its developer must fix the settings. */
export async function recordCredentialsRejected(
  tx: Writer,
  config: Pick<ProviderConfig, "applicationId" | "provider">,
  reason: string,
  during: "refresh" | "connect",
): Promise<void> {
  await recordEvent(tx, config.applicationId, "provider.credentials_rejected", { provider: config.provider, reason, during });
}

/**
 * One event row and one pending delivery per endpoint that listens to its type.
 * With no such endpoint nothing is written: the outbox holds only what must be sent.
 * `type` may be one no endpoint subscribes to (the portal's test event), with `only` naming its endpoint.
 */
export async function recordEvent(
  tx: Writer,
  applicationId: string,
  type: string,
  data: Record<string, unknown>,
  only?: { endpointId: string },
): Promise<string | null> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { applicationId, disabledAt: null, ...(only ? { id: only.endpointId } : {}) },
    select: { id: true, events: true },
  });
  const listening = only ? endpoints : endpoints.filter((endpoint) => subscribes(endpoint.events, type));
  if (listening.length === 0) return null;
  const id = newId("msg");
  const createdAt = new Date();
  const payload = JSON.stringify({ type, id, createdAt: createdAt.toISOString(), data });
  await tx.webhookEvent.create({ data: { id, applicationId, type, payload, createdAt } });
  await tx.webhookDelivery.createMany({
    data: listening.map((endpoint) => ({ id: newId("whdl"), eventId: id, endpointId: endpoint.id, status: "pending", nextAttemptAt: createdAt })),
  });
  return id;
}

/** An endpoint's stored list is space-separated types; empty means every type. */
function subscribes(stored: string, type: string): boolean {
  const types = stored.split(" ").filter(Boolean);
  return types.length === 0 || types.includes(type);
}

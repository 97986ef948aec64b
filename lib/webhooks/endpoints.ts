// Managing an application's webhook endpoints: owner or admin, like the
// application itself; every change audited; URLs checked before they are saved.
import "server-only";
import type { Actor } from "../actor";
import { getApplication } from "../applications";
import { auditRow, userActor } from "../audit";
import { getConfig } from "../config";
import type { Secret } from "../crypto";
import { db, type WebhookEndpoint } from "../db";
import { NotFound, ValidationFailed } from "../errors";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../events";
import { newId } from "../ids";
import { parseInput } from "../validation";
import { createEndpointInput, updateEndpointInput } from "./schemas";
import { newSigningSecret, openCurrentSecret, sealSigningSecret } from "./secrets";
import { checkEndpointUrl, UrlRefused } from "./url-check";

/** The previous secret keeps signing this long after a rotation, so receivers can switch over. */
const PREVIOUS_SECRET_VALID_MS = 24 * 3_600_000;

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

export async function findEndpoint(actor: Actor, applicationId: string, endpointId: string): Promise<WebhookEndpoint> {
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

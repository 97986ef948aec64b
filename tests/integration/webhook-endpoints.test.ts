// Managing an application's webhook endpoints: only its owner (or an admin)
// sees or changes them, the signing secret is shown once and stored only
// sealed, every change is in the audit log (without the URL's query, where
// receivers often keep a token), and old history is pruned.
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { NotFound, ValidationFailed } from "@/lib/errors";
import {
  createEndpoint,
  deleteEndpoint,
  deliverDueWebhooks,
  HISTORY_DAYS,
  listDeliveries,
  listEndpoints,
  pruneWebhookHistory,
  resendDelivery,
  rotateSecret,
  sendTestEvent,
  updateEndpoint,
} from "@/lib/webhooks";
import { makeApplication, makeUser } from "../support/factories";
import { startWebhookReceiver } from "../support/webhook-receiver";

process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = "true";
const receiver = await startWebhookReceiver();
afterAll(() => receiver.close());
const owner = await makeUser();
const stranger = await makeUser();
const admin = await makeUser("ADMIN");
const url = `${receiver.url}?token=receiver-token-123`;
let applicationId: string;

beforeEach(async () => {
  applicationId = (await makeApplication(owner, "Endpoints")).id;
});

describe("who may manage endpoints", () => {
  test("another developer's application is not found; an admin may", async () => {
    const { endpoint } = await createEndpoint(owner, applicationId, { url, events: [] });
    await expect(listEndpoints(stranger, applicationId)).rejects.toBeInstanceOf(NotFound);
    await expect(createEndpoint(stranger, applicationId, { url, events: [] })).rejects.toBeInstanceOf(NotFound);
    await expect(updateEndpoint(stranger, applicationId, endpoint.id, { enabled: false })).rejects.toBeInstanceOf(NotFound);
    await expect(rotateSecret(stranger, applicationId, endpoint.id)).rejects.toBeInstanceOf(NotFound);
    await expect(deleteEndpoint(stranger, applicationId, endpoint.id)).rejects.toBeInstanceOf(NotFound);
    await expect(sendTestEvent(stranger, applicationId, endpoint.id)).rejects.toBeInstanceOf(NotFound);
    await expect(listDeliveries(stranger, applicationId, endpoint.id)).rejects.toBeInstanceOf(NotFound);
    expect((await listEndpoints(admin, applicationId)).map((listed) => listed.id)).toEqual([endpoint.id]);
  });

  test("an endpoint of another application is not found through this one", async () => {
    const other = (await makeApplication(owner, "Other")).id;
    const { endpoint } = await createEndpoint(owner, other, { url, events: [] });
    await expect(updateEndpoint(owner, applicationId, endpoint.id, { enabled: false })).rejects.toBeInstanceOf(NotFound);
    await sendTestEvent(owner, other, endpoint.id);
    const delivery = (await listDeliveries(owner, other, endpoint.id)).items[0]!;
    await expect(resendDelivery(owner, applicationId, delivery.id)).rejects.toBeInstanceOf(NotFound);
  });
});

describe("input", () => {
  test("an event type not in the list, or a URL that is no URL, is refused with words for the field", async () => {
    const badEvent = await createEndpoint(owner, applicationId, { url, events: ["connection.exploded"] }).catch((error: unknown) => error);
    expect(badEvent).toBeInstanceOf(ValidationFailed);
    expect((badEvent as ValidationFailed).issues[0]!.path).toBe("events.0");
    const badUrl = await createEndpoint(owner, applicationId, { url: "not a url", events: [] }).catch((error: unknown) => error);
    expect((badUrl as ValidationFailed).issues).toEqual([{ path: "url", message: "Enter a URL that starts with https://." }]);
  });
});

describe("the signing secret", () => {
  test("is whsec_…, returned at creation and rotation only, and stored sealed", async () => {
    const { endpoint, secret } = await createEndpoint(owner, applicationId, { url, events: ["connection.created"] });
    expect(secret.reveal()).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(JSON.stringify(await listEndpoints(owner, applicationId))).not.toContain(secret.reveal());
    const rotated = await rotateSecret(owner, applicationId, endpoint.id);
    const row = await (await db()).webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    for (const value of [secret.reveal(), rotated.secret.reveal()]) {
      expect(row.secret).not.toContain(value.slice(6));
      expect(row.previousSecret).not.toContain(value.slice(6));
    }
    expect(row.secret).toMatch(/^v\d+:/);
    expect((await listEndpoints(owner, applicationId))[0]).toMatchObject({ events: ["connection.created"], previousSecretExpiresAt: expect.any(Date) });
  });
});

describe("a secret bound to its row", () => {
  test("a sealed secret copied to another endpoint does not open there: nothing is sent, and the failed attempt is counted", async () => {
    const first = await createEndpoint(owner, applicationId, { url, events: [] });
    const second = await createEndpoint(owner, applicationId, { url, events: [] });
    const prisma = await db();
    const { secret } = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: first.endpoint.id } });
    await prisma.webhookEndpoint.update({ where: { id: second.endpoint.id }, data: { secret } });
    const { eventId } = await sendTestEvent(owner, applicationId, second.endpoint.id);
    await deliverDueWebhooks();
    const [delivery] = (await listDeliveries(owner, applicationId, second.endpoint.id)).items;
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastStatus: null, lastError: "the vault could not make the attempt (see its log)" });
    expect(receiver.received.filter((webhook) => webhook.payload.id === eventId)).toEqual([]);
  });
});

describe("the audit log", () => {
  test("records each management action, with the URL's query left out", async () => {
    const { endpoint } = await createEndpoint(owner, applicationId, { url, events: [] });
    await updateEndpoint(owner, applicationId, endpoint.id, { events: ["connection.deleted"], enabled: false });
    await updateEndpoint(owner, applicationId, endpoint.id, { enabled: true });
    await rotateSecret(owner, applicationId, endpoint.id);
    await sendTestEvent(owner, applicationId, endpoint.id);
    await deliverDueWebhooks();
    const delivery = (await listDeliveries(owner, applicationId, endpoint.id)).items[0]!;
    await resendDelivery(owner, applicationId, delivery.id);
    await deleteEndpoint(owner, applicationId, endpoint.id);
    const rows = await (await db()).auditEvent.findMany({ where: { applicationId, action: { startsWith: "webhook." } }, orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => row.action)).toEqual([
      "webhook.endpoint_created",
      "webhook.endpoint_updated",
      "webhook.endpoint_updated",
      "webhook.secret_rotated",
      "webhook.test_sent",
      "webhook.delivery_resent",
      "webhook.endpoint_deleted",
    ]);
    expect(rows.every((row) => row.actorType === "USER" && row.actorId === owner.userId)).toBe(true);
    expect(JSON.parse(rows[0]!.details)).toMatchObject({ endpointId: endpoint.id, url: receiver.url });
    expect(rows.map((row) => row.details).join()).not.toContain("receiver-token-123");
    expect(rows.map((row) => row.details).join()).not.toContain("whsec_");
    expect(await listEndpoints(owner, applicationId)).toEqual([]);
  });
});

describe("history", () => {
  test(`events older than ${HISTORY_DAYS} days are pruned once every delivery of theirs is over`, async () => {
    const { endpoint } = await createEndpoint(owner, applicationId, { url, events: [] });
    const delivered = await sendTestEvent(owner, applicationId, endpoint.id);
    await deliverDueWebhooks();
    receiver.answerNext(500);
    const pending = await sendTestEvent(owner, applicationId, endpoint.id);
    await deliverDueWebhooks();
    const recent = await sendTestEvent(owner, applicationId, endpoint.id);
    const prisma = await db();
    const old = new Date(Date.now() - (HISTORY_DAYS + 1) * 86_400_000);
    await prisma.webhookEvent.updateMany({ where: { id: { in: [delivered.eventId, pending.eventId] } }, data: { createdAt: old } });

    await pruneWebhookHistory();
    const left = await prisma.webhookEvent.findMany({ where: { applicationId }, select: { id: true } });
    expect(left.map((event) => event.id).sort()).toEqual([pending.eventId, recent.eventId].sort());
  });
});

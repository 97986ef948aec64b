// Delivery a receiver can rely on: retries with the same webhook-id until it
// answers 2xx (or 8 attempts), a timeout counted as a failure, nothing lost
// when the process dies between the change and the delivery, one attempt per
// delivery when several workers race, secret rotation that keeps the old
// secret verifying for 24 h, and an endpoint failing for 3 days turned off.
// The clock is moved by rewriting timestamps in the database, never by waiting.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { updateAllowedOrigins } from "@/lib/applications";
import { db } from "@/lib/db";
import {
  createEndpoint,
  deliverDueWebhooks,
  listDeliveries,
  listEndpoints,
  MAX_ATTEMPTS,
  resendDelivery,
  retryDelayMs,
  rotateSecret,
  sendTestEvent,
  setWebhookResolver,
  updateEndpoint,
} from "@/lib/webhooks";
import { Conflict } from "@/lib/errors";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { CALLBACK_URL, configureBitbucket, connectEndUser } from "../support/connect-flow";
import { makeApiKey, makeApplication, makeUser } from "../support/factories";
import { startWebhookReceiver, verifies, type WebhookReceiver } from "../support/webhook-receiver";

process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = "true";
process.env.WEBHOOK_TIMEOUT_MS = "2000";
const consumer = { key: "delivery-key", secret: "delivery-secret-value", callbackUrl: CALLBACK_URL, permissions: ["account"] };
const fake = await startFakeBitbucket({ consumers: [consumer] });
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;

const owner = await makeUser();
let receiver: WebhookReceiver;
let applicationId: string;
let endpointId: string;
let secret: string;
afterAll(async () => {
  await receiver.close();
  await fake.close();
});

beforeEach(async () => {
  // Each test starts with an empty outbox: an earlier test's retries are not due in this one.
  await (await db()).webhookEvent.deleteMany({});
  await receiver?.close();
  receiver = await startWebhookReceiver();
  applicationId = (await makeApplication(owner, "Webhook delivery")).id;
  const created = await createEndpoint(owner, applicationId, { url: receiver.url, events: [] });
  endpointId = created.endpoint.id;
  secret = created.secret.reveal();
});

async function theDelivery() {
  const { items } = await listDeliveries(owner, applicationId, endpointId);
  expect(items).toHaveLength(1);
  return items[0]!;
}

/** Moves the clock past the delivery's next attempt. */
async function makeDue(deliveryId: string) {
  await (await db()).webhookDelivery.update({ where: { id: deliveryId }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
}

describe("retries", () => {
  test("a receiver answering 500 twice gets the third attempt with the same webhook-id, and it verifies", async () => {
    receiver.answerNext(500, 500);
    const { eventId } = await sendTestEvent(owner, applicationId, endpointId);
    await deliverDueWebhooks();
    const first = await theDelivery();
    expect(first).toMatchObject({ status: "pending", attempts: 1, lastStatus: 500, eventId });
    expect(first.lastBodyExcerpt).toHaveLength(1024);
    expect(first.lastBodyExcerpt).toMatch(/^receiver refused: x+$/);
    const wait = first.nextAttemptAt!.getTime() - first.lastAttemptAt!.getTime();
    expect(wait).toBeGreaterThanOrEqual(12_000);
    expect(wait).toBeLessThanOrEqual(15_000);

    // Not due yet: nothing is sent.
    expect((await deliverDueWebhooks()).attempted).toBe(0);
    await makeDue(first.id);
    await deliverDueWebhooks();
    await makeDue(first.id);
    await deliverDueWebhooks();

    expect(await theDelivery()).toMatchObject({ status: "succeeded", attempts: 3, lastStatus: 204, nextAttemptAt: null });
    expect(receiver.received.map((webhook) => webhook.headers["webhook-id"])).toEqual([eventId, eventId, eventId]);
    expect(verifies(receiver.received[2]!, secret)).toBe(true);
    expect(receiver.received[2]!.payload).toMatchObject({ type: "webhook.test", id: eventId, data: { endpointId } });
  });

  test("no answer within WEBHOOK_TIMEOUT_MS is a failure, retried", async () => {
    receiver.answerNext("hang");
    await sendTestEvent(owner, applicationId, endpointId);
    await deliverDueWebhooks();
    const first = await theDelivery();
    expect(first).toMatchObject({ status: "pending", attempts: 1, lastStatus: null, lastError: "no answer within 2000 ms" });
    await makeDue(first.id);
    await deliverDueWebhooks();
    expect(await theDelivery()).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(receiver.received).toHaveLength(2);
  });

  test("a redirect is not followed: it is a failed attempt", async () => {
    receiver.answerNext(302);
    await sendTestEvent(owner, applicationId, endpointId);
    await deliverDueWebhooks();
    expect(await theDelivery()).toMatchObject({ status: "pending", attempts: 1, lastStatus: 302 });
    expect(receiver.received).toHaveLength(1);
  });

  test("after 8 failed attempts the delivery is failed; Resend sends the same event again", async () => {
    receiver.answerNext(...Array<number>(MAX_ATTEMPTS).fill(503));
    const { eventId } = await sendTestEvent(owner, applicationId, endpointId);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await deliverDueWebhooks();
      const delivery = await theDelivery();
      if (attempt < MAX_ATTEMPTS) await makeDue(delivery.id);
    }
    const failed = await theDelivery();
    expect(failed).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastStatus: 503, nextAttemptAt: null });
    expect((await deliverDueWebhooks()).attempted).toBe(0);
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);

    await resendDelivery(owner, applicationId, failed.id);
    await deliverDueWebhooks();
    expect(await theDelivery()).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(receiver.received.at(-1)!.headers["webhook-id"]).toBe(eventId);
  });

  test("an answer with a NUL byte and a character cut at 1 KB is stored without them: the delivery succeeds once", async () => {
    // PostgreSQL refuses NUL in text; "é" is two bytes, the second past the 1 KB kept.
    receiver.answerNext({ status: 200, body: `ok\u0000${"a".repeat(1020)}é and more` });
    await sendTestEvent(owner, applicationId, endpointId);
    await deliverDueWebhooks();
    const delivery = await theDelivery();
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, lastStatus: 200, lastBodyExcerpt: `ok${"a".repeat(1020)}` });
    await (await db()).webhookDelivery.update({ where: { id: delivery.id }, data: { leaseUntil: new Date(Date.now() - 1000) } });
    expect((await deliverDueWebhooks()).attempted).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });

  test("Resend while an attempt is in flight: that attempt's outcome does not overwrite the fresh series", async () => {
    receiver.answerNext("hang");
    await sendTestEvent(owner, applicationId, endpointId);
    const inFlight = deliverDueWebhooks();
    await expect.poll(() => receiver.received.length).toBe(1);
    const delivery = await theDelivery();
    await resendDelivery(owner, applicationId, delivery.id);
    await inFlight;
    expect(await theDelivery()).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    expect((await deliverDueWebhooks()).attempted).toBe(1);
    expect(await theDelivery()).toMatchObject({ status: "succeeded", attempts: 1, lastStatus: 204 });
  });

  test("each attempt connects to the address its check resolved, asking the resolver once, never a second lookup", async () => {
    // The system resolves localhost to 127.0.0.1 or ::1, where nothing listens on this port: only the checked address reaches the receiver.
    const pinned = await startWebhookReceiver("127.0.0.2");
    const asked: string[] = [];
    setWebhookResolver(async (hostname) => {
      asked.push(hostname);
      return ["127.0.0.2"];
    });
    try {
      const created = await createEndpoint(owner, applicationId, { url: `http://localhost:${pinned.port}/hooks`, events: [] });
      asked.length = 0;
      pinned.answerNext(500);
      const { eventId } = await sendTestEvent(owner, applicationId, created.endpoint.id);
      await deliverDueWebhooks();
      expect(asked).toEqual(["localhost"]);
      const [first] = (await listDeliveries(owner, applicationId, created.endpoint.id)).items;
      await makeDue(first!.id);
      await deliverDueWebhooks();
      expect(asked).toEqual(["localhost", "localhost"]);
      expect((await listDeliveries(owner, applicationId, created.endpoint.id)).items[0]).toMatchObject({ status: "succeeded", attempts: 2 });
      expect(pinned.received.map((webhook) => [webhook.headers["webhook-id"], webhook.headers.host])).toEqual([
        [eventId, `localhost:${pinned.port}`],
        [eventId, `localhost:${pinned.port}`],
      ]);
    } finally {
      setWebhookResolver(null);
      await pinned.close();
    }
  });

  test("the retry schedule: 8 attempts within 24 hours, each wait about four times the one before", () => {
    let total = 0;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
      const longest = retryDelayMs(attempt, 0);
      expect(retryDelayMs(attempt, 1)).toBe(longest * 0.8);
      if (attempt > 1) expect(longest).toBe(retryDelayMs(attempt - 1, 0) * 4);
      total += longest;
    }
    expect(retryDelayMs(1, 0)).toBe(15_000);
    expect(total).toBeLessThan(24 * 3_600_000);
    expect(total).toBeGreaterThan(20 * 3_600_000);
  });
});

describe("secret rotation", () => {
  test("after a rotation both the old and the new secret verify, for 24 hours; then only the new one", async () => {
    const { secret: rotated, previousSecretExpiresAt } = await rotateSecret(owner, applicationId, endpointId);
    const fresh = rotated.reveal();
    expect(fresh).not.toBe(secret);
    expect(previousSecretExpiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    await sendTestEvent(owner, applicationId, endpointId);
    await deliverDueWebhooks();
    const during = receiver.received[0]!;
    expect(during.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(verifies(during, secret)).toBe(true);
    expect(verifies(during, fresh)).toBe(true);

    await (await db()).webhookEndpoint.update({ where: { id: endpointId }, data: { previousSecretExpiresAt: new Date(Date.now() - 60_000) } });
    await sendTestEvent(owner, applicationId, endpointId);
    await deliverDueWebhooks();
    const after = receiver.received[1]!;
    expect(verifies(after, fresh)).toBe(true);
    expect(verifies(after, secret)).toBe(false);
  });
});

describe("failing endpoints", () => {
  test("an endpoint whose attempts have failed for 3 days is disabled, and stays so until re-enabled", async () => {
    receiver.answerNext(500, 500);
    await sendTestEvent(owner, applicationId, endpointId);
    await deliverDueWebhooks();
    expect((await listEndpoints(owner, applicationId))[0]).toMatchObject({ disabledAt: null, failingSince: expect.any(Date) });

    const prisma = await db();
    await prisma.webhookEndpoint.update({ where: { id: endpointId }, data: { failingSince: new Date(Date.now() - 3 * 86_400_000 - 60_000) } });
    const delivery = await theDelivery();
    await makeDue(delivery.id);
    await deliverDueWebhooks();
    expect((await listEndpoints(owner, applicationId))[0]).toMatchObject({ disabledAt: expect.any(Date), disabledReason: "failing" });

    // Disabled: nothing is attempted, even when due; no test event can be queued.
    await makeDue(delivery.id);
    expect((await deliverDueWebhooks()).attempted).toBe(0);
    await expect(sendTestEvent(owner, applicationId, endpointId)).rejects.toBeInstanceOf(Conflict);
    expect(receiver.received).toHaveLength(2);

    await updateEndpoint(owner, applicationId, endpointId, { enabled: true });
    await deliverDueWebhooks();
    expect(await theDelivery()).toMatchObject({ status: "succeeded", attempts: 3 });
    expect((await listEndpoints(owner, applicationId))[0]).toMatchObject({ disabledAt: null, disabledReason: null, failingSince: null });
  });

  test("a success in between starts the 3 days again", async () => {
    receiver.answerNext(500);
    await sendTestEvent(owner, applicationId, endpointId);
    await deliverDueWebhooks();
    const prisma = await db();
    await prisma.webhookEndpoint.update({ where: { id: endpointId }, data: { failingSince: new Date(Date.now() - 2 * 86_400_000) } });
    await makeDue((await theDelivery()).id);
    await deliverDueWebhooks();
    expect((await listEndpoints(owner, applicationId))[0]).toMatchObject({ disabledAt: null, failingSince: null });
  });
});

describe("durability and concurrency", () => {
  test("a process killed after the change and before the delivery loses nothing: another process's worker delivers it", async () => {
    await updateAllowedOrigins(owner, { applicationId, allowedOrigins: "https://app.example" });
    const { key } = await makeApiKey(owner, applicationId);
    await configureBitbucket(owner, applicationId, consumer, ["account"]);
    const landing = await connectEndUser(key, { endUserId: "crash-user", provider: "bitbucket", returnUrl: "https://app.example/" });
    const connectionId = landing.searchParams.get("connectionId")!;
    while ((await deliverDueWebhooks()).attempted > 0);
    expect(receiver.received.map((webhook) => webhook.payload.type)).toEqual(["connection.created"]);

    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "tests/support/webhook-child.ts", "crash", connectionId, owner.userId],
      {
        env: { ...process.env },
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
    expect({ code, signal }).toEqual({ code: null, signal: "SIGKILL" });
    expect((await (await db()).connection.findUniqueOrThrow({ where: { id: connectionId } })).status).toBe("REVOKED");
    expect(receiver.received).toHaveLength(1);

    await deliverDueWebhooks();
    const deleted = receiver.ofType("connection.deleted");
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.payload.data).toMatchObject({ connectionId, by: "portal", status: "revoked" });
    expect(verifies(deleted[0]!, secret)).toBe(true);
  });

  test("two worker processes racing over the same due deliveries make each attempt once", async () => {
    const count = 30;
    const eventIds = new Set<string>();
    for (let index = 0; index < count; index += 1) eventIds.add((await sendTestEvent(owner, applicationId, endpointId)).eventId);

    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "tests/support/webhook-child.ts", "deliver"], {
      env: { ...process.env },
      stdio: ["pipe", "pipe", "inherit"],
    });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    expect((await lines.next()).value).toBe("ready");
    child.stdin.write("go\n");
    const [here, there] = await Promise.all([deliverDueWebhooks(), lines.next().then((line) => JSON.parse(line.value as string))]);
    await once(child, "exit");

    expect(here.attempted + there.attempted).toBe(count);
    const ids = receiver.received.map((webhook) => webhook.headers["webhook-id"]);
    expect(ids).toHaveLength(count);
    expect(new Set(ids)).toEqual(eventIds);
    const { items } = await listDeliveries(owner, applicationId, endpointId);
    expect(items.every((delivery) => delivery.status === "succeeded" && delivery.attempts === 1)).toBe(true);
  });
});

// Every change a developer's backend relies on hearing about reaches its
// webhook endpoint once, signed so that the standardwebhooks library verifies
// it, with the documented payload and never a token or a secret. Real OAuth
// dance against the fake Bitbucket, a real database, a real receiver on 127.0.0.1.
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { GET as tokenRoute } from "@/app/api/v1/connections/[connectionId]/token/route";
import { DELETE as connectionRoute } from "@/app/api/v1/connections/[connectionId]/route";
import { updateAllowedOrigins } from "@/lib/applications";
import { userActor } from "@/lib/audit";
import { disconnect, getConnection } from "@/lib/connections";
import { db } from "@/lib/db";
import { deleteProviderConfig } from "@/lib/provider-configs";
import { createEndpoint, deliverDueWebhooks, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { CALLBACK_URL, configureBitbucket, connectEndUser } from "../support/connect-flow";
import { expireIn } from "../support/connections";
import { callRoute, makeApiKey, makeApplication, makeUser } from "../support/factories";
import { startWebhookReceiver, verifies, type WebhookReceiver } from "../support/webhook-receiver";

process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = "true";
const consumer = { key: "events-key", secret: "events-secret-value", callbackUrl: CALLBACK_URL, permissions: ["account", "repository"] };
const fake = await startFakeBitbucket({ consumers: [consumer] });
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;
process.env.PROVIDER_TIMEOUT_MS = "400";

const owner = await makeUser();
let receiver: WebhookReceiver;
let applicationId: string;
let apiKey: string;
let signingSecret: string;
afterAll(async () => {
  await receiver.close();
  await fake.close();
});

beforeEach(async () => {
  // Each test starts with an empty outbox: an earlier test's retries are not due in this one.
  await (await db()).webhookEvent.deleteMany({});
  await receiver?.close();
  receiver = await startWebhookReceiver();
  fake.clearFailures();
  fake.addConsumer(consumer);
  applicationId = (await makeApplication(owner, "Webhook events")).id;
  await updateAllowedOrigins(owner, { applicationId, allowedOrigins: "https://app.example" });
  apiKey = (await makeApiKey(owner, applicationId)).key;
  await configureBitbucket(owner, applicationId, consumer, ["account"]);
  signingSecret = (await createEndpoint(owner, applicationId, { url: receiver.url, events: [] })).secret.reveal();
});

async function connect(endUserId = "user-1", account = "ada"): Promise<string> {
  const landing = await connectEndUser(apiKey, { endUserId, provider: "bitbucket", returnUrl: "https://app.example/" }, account);
  return landing.searchParams.get("connectionId")!;
}

function readToken(connectionId: string) {
  return callRoute(tokenRoute, { url: `/api/v1/connections/${connectionId}/token`, apiKey }, { connectionId });
}

/** Runs the worker until nothing is due, then what the receiver got of each type. */
async function delivered(): Promise<Record<string, number>> {
  while ((await deliverDueWebhooks()).attempted > 0);
  const counts: Record<string, number> = {};
  for (const webhook of receiver.received) counts[webhook.payload.type] = (counts[webhook.payload.type] ?? 0) + 1;
  return counts;
}

async function retryNow(connectionId: string) {
  await (await db()).connection.update({ where: { id: connectionId }, data: { nextRetryAt: null } });
}

describe("connection events", () => {
  test("a first connect sends connection.created once, verifiable, with the documented payload and nothing secret", async () => {
    const connectionId = await connect();
    expect(await delivered()).toEqual({ "connection.created": 1 });
    const [webhook] = receiver.received;
    expect(verifies(webhook!, signingSecret)).toBe(true);
    expect(webhook!.headers["webhook-id"]).toBe(webhook!.payload.id);
    expect(webhook!.payload).toEqual({
      type: "connection.created",
      id: expect.stringMatching(/^msg_/),
      createdAt: expect.any(String),
      data: {
        connectionId,
        endUserId: "user-1",
        provider: "bitbucket",
        account: { id: expect.any(String), login: "ada", name: expect.any(String) },
        status: "active",
      },
    });
    const { accessToken } = await (await readToken(connectionId)).json();
    expect(webhook!.body).not.toContain(accessToken);
    expect(webhook!.body).not.toContain(consumer.secret);
    expect(webhook!.body).not.toContain(signingSecret);
  });

  test("connecting the same account again sends connection.reconnected once", async () => {
    await connect();
    await connect();
    expect(await delivered()).toEqual({ "connection.created": 1, "connection.reconnected": 1 });
  });

  test("a revoked grant sends connection.needs_reauthorization once, however often the token is read", async () => {
    const connectionId = await connect();
    fake.revokeGrant("ada", consumer.key);
    await expireIn(connectionId, -1);
    expect((await readToken(connectionId)).status).toBe(424);
    expect((await readToken(connectionId)).status).toBe(424);
    expect(await delivered()).toEqual({ "connection.created": 1, "connection.needs_reauthorization": 1 });
    const [webhook] = receiver.ofType("connection.needs_reauthorization");
    expect(webhook!.payload.data).toMatchObject({ connectionId, status: "needs_reauthorization", reason: "invalid_grant" });
  });

  test("transient refresh failures: refresh_failed once the first retry fails too, recovered once it works again", async () => {
    const connectionId = await connect();
    await expireIn(connectionId, -1);
    fake.failNext("token", { status: 503, body: "<h1>down</h1>", times: 3 });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await retryNow(connectionId);
      expect((await readToken(connectionId)).status).toBe(503);
      if (attempt === 1) expect(await delivered()).toEqual({ "connection.created": 1 });
    }
    await retryNow(connectionId);
    expect((await readToken(connectionId)).status).toBe(200);
    expect((await readToken(connectionId)).status).toBe(200);
    expect(await delivered()).toEqual({ "connection.created": 1, "connection.refresh_failed": 1, "connection.recovered": 1 });
    expect(receiver.ofType("connection.refresh_failed")[0]!.payload.data).toMatchObject({ connectionId, status: "active", reason: "server_error" });
    expect(receiver.ofType("connection.recovered")[0]!.payload.data).toMatchObject({ connectionId, status: "active" });
  });

  test("no connection.recovered after a streak whose second failure was a refused client (no refresh_failed was sent)", async () => {
    const connectionId = await connect();
    await expireIn(connectionId, -1);
    fake.failNext("token", { status: 503, body: "<h1>down</h1>", times: 1 });
    expect((await readToken(connectionId)).status).toBe(503);
    fake.addConsumer({ ...consumer, secret: "rotated-at-bitbucket" });
    await retryNow(connectionId);
    expect((await readToken(connectionId)).status).toBe(502);
    fake.addConsumer(consumer);
    await retryNow(connectionId);
    expect((await readToken(connectionId)).status).toBe(200);
    expect(await delivered()).toEqual({ "connection.created": 1, "provider.credentials_rejected": 1 });
  });

  test("connection.recovered after refresh_failed even when fixing the refused client reset the failure count", async () => {
    const connectionId = await connect();
    await expireIn(connectionId, -1);
    fake.failNext("token", { status: 503, body: "<h1>down</h1>", times: 2 });
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      await retryNow(connectionId);
      expect((await readToken(connectionId)).status).toBe(503);
    }
    const rotated = { ...consumer, secret: "rotated-at-bitbucket" };
    fake.addConsumer(rotated);
    await retryNow(connectionId);
    expect((await readToken(connectionId)).status).toBe(502);
    await configureBitbucket(owner, applicationId, rotated, ["account"]);
    expect((await (await db()).connection.findUniqueOrThrow({ where: { id: connectionId } })).failureCount).toBe(0);
    expect((await readToken(connectionId)).status).toBe(200);
    expect(await delivered()).toEqual({
      "connection.created": 1,
      "connection.refresh_failed": 1,
      "provider.credentials_rejected": 1,
      "connection.recovered": 1,
    });
  });

  test("the API, the portal and the end user each delete with their name in data.by, once per connection", async () => {
    const byApi = await connect("user-1", "ada");
    const byPortal = await connect("user-2", "grace");
    const response = await callRoute(connectionRoute, { url: `/api/v1/connections/${byApi}`, method: "DELETE", apiKey }, { connectionId: byApi });
    expect(response.status).toBe(200);
    // Deleting again changes nothing, so it says nothing.
    await callRoute(connectionRoute, { url: `/api/v1/connections/${byApi}`, method: "DELETE", apiKey }, { connectionId: byApi });
    await disconnect(await getConnection(applicationId, byPortal), userActor(owner));
    expect(await delivered()).toEqual({ "connection.created": 2, "connection.deleted": 2 });
    const byEndUser = await connect("user-2", "grace");
    await disconnect(await getConnection(applicationId, byEndUser), { type: "END_USER", id: "user-2" });
    await delivered();
    const deleted = receiver.ofType("connection.deleted");
    expect(deleted.every((webhook) => webhook.payload.data.status === "revoked")).toBe(true);
    expect(Object.fromEntries(deleted.map((webhook) => [webhook.payload.data.connectionId, webhook.payload.data.by]))).toEqual({
      [byApi]: "api",
      [byPortal]: "portal",
      [byEndUser]: "end_user",
    });
  });

  test("two disconnects of one connection at once: connection.deleted once, one audit row, both answered as revoked", async () => {
    const connectionId = await connect();
    const connection = await getConnection(applicationId, connectionId);
    const answers = await Promise.all([disconnect(connection, userActor(owner)), disconnect(connection, { type: "END_USER", id: "user-1" })]);
    expect(answers.map((answer) => [answer.connection.status, answer.remoteRevocation])).toEqual([
      ["REVOKED", "not_supported"],
      ["REVOKED", "not_supported"],
    ]);
    expect(await delivered()).toEqual({ "connection.created": 1, "connection.deleted": 1 });
    expect(await (await db()).auditEvent.count({ where: { connectionId, action: "connection.disconnected" } })).toBe(1);
  });

  test("deleting the provider settings sends connection.deleted by provider_settings for each connection still in use", async () => {
    const first = await connect("user-1", "ada");
    const second = await connect("user-2", "grace");
    await disconnect(await getConnection(applicationId, second), userActor(owner));
    await deleteProviderConfig(owner, applicationId, "bitbucket");
    await delivered();
    const deleted = receiver.ofType("connection.deleted");
    expect(deleted).toHaveLength(2);
    expect(Object.fromEntries(deleted.map((webhook) => [webhook.payload.data.connectionId, webhook.payload.data.by]))).toEqual({
      [second]: "portal",
      [first]: "provider_settings",
    });
  });
});

describe("provider events", () => {
  test("Bitbucket refusing the Client Secret sends provider.credentials_rejected once, with no secret in it", async () => {
    const connectionId = await connect();
    fake.addConsumer({ ...consumer, secret: "rotated-at-bitbucket" });
    await expireIn(connectionId, -1);
    expect((await readToken(connectionId)).status).toBe(502);
    await retryNow(connectionId);
    expect((await readToken(connectionId)).status).toBe(502);
    expect(await delivered()).toEqual({ "connection.created": 1, "provider.credentials_rejected": 1 });
    const [webhook] = receiver.ofType("provider.credentials_rejected");
    expect(webhook!.payload.data).toEqual({ provider: "bitbucket", reason: "unauthorized_client", during: "refresh" });
    expect(webhook!.body).not.toContain(consumer.secret);
    expect(webhook!.body).not.toContain("rotated-at-bitbucket");
  });
});

describe("subscriptions", () => {
  test("an endpoint that chose some events gets only those; every type can be chosen", async () => {
    const only = await startWebhookReceiver();
    try {
      await createEndpoint(owner, applicationId, { url: only.url, events: ["connection.deleted"] });
      const connectionId = await connect();
      await disconnect(await getConnection(applicationId, connectionId), userActor(owner));
      while ((await deliverDueWebhooks()).attempted > 0);
      expect(only.received.map((webhook) => webhook.payload.type)).toEqual(["connection.deleted"]);
      expect(receiver.received.map((webhook) => webhook.payload.type).sort()).toEqual(["connection.created", "connection.deleted"]);
      expect(WEBHOOK_EVENT_TYPES).toHaveLength(7);
    } finally {
      await only.close();
    }
  });
});

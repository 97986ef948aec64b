// Fresh tokens on demand: refresh on read, rotation, revocation → 424 →
// reconnect, provider outages, the lost race, the background refresher and
// the proxy, all against the fake Bitbucket over real HTTP.
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { GET as tokenRoute } from "@/app/api/v1/connections/[connectionId]/token/route";
import * as proxyRoute from "@/app/api/v1/connections/[connectionId]/proxy/[...path]/route";
import { revokeApiKey } from "@/lib/api-keys";
import { updateAllowedOrigins } from "@/lib/applications";
import { refreshDueConnections } from "@/lib/connections/background";
import { openToken, sealToken } from "@/lib/connections/sealing";
import { Secret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http";
import { callRoute, makeApiKey, makeApplication, makeUser } from "../support/factories";
import { authorize, callback, CALLBACK_URL, configureBitbucket, connectEndUser, decide } from "../support/connect-flow";
import { createReconnectSession } from "@/lib/connect";
import { expireIn, stored } from "../support/connections";

const consumer = { key: "token-key", secret: "token-secret-value", callbackUrl: CALLBACK_URL, permissions: ["account", "repository", "snippet"] };
const fake = await startFakeBitbucket({ consumers: [consumer], rotatedRefreshTokenGraceSeconds: 0 });
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;
process.env.PROVIDER_TIMEOUT_MS = "400";
afterAll(() => fake.close());

const owner = await makeUser();
const application = await makeApplication(owner, "Token app");
await updateAllowedOrigins(owner, { applicationId: application.id, allowedOrigins: "https://app.example" });
const { key: apiKey, apiKey: apiKeyRow } = await makeApiKey(owner, application.id);
await configureBitbucket(owner, application.id, consumer, ["account", "repository"]);

async function newConnection(account = "ada"): Promise<string> {
  const landing = await connectEndUser(apiKey, { endUserId: `end-${account}`, provider: "bitbucket", returnUrl: "https://app.example/" }, account);
  return landing.searchParams.get("connectionId")!;
}

function readToken(connectionId: string, headers: Record<string, string> = {}) {
  return callRoute(tokenRoute, { url: `/api/v1/connections/${connectionId}/token`, apiKey, headers }, { connectionId });
}

function proxy(connectionId: string, method: string, path: string, body?: string, contentType?: string) {
  const handler = proxyRoute[method as "GET" | "POST"];
  const headers: Record<string, string> = contentType ? { "content-type": contentType } : {};
  return callRoute(
    handler,
    { url: `/api/v1/connections/${connectionId}/proxy/${path}`, method, apiKey, body, headers },
    { connectionId, path: path.split("?")[0]!.split("/") },
  );
}

let connectionId: string;
beforeEach(async () => {
  fake.clearFailures();
  fake.updateSettings({ refreshMode: "static" });
  await (await db()).connection.deleteMany({});
  connectionId = await newConnection();
  fake.resetStats();
});

describe.each(["static", "rotating"] as const)("refresh on read (%s refresh tokens)", (refreshMode) => {
  beforeEach(() => fake.updateSettings({ refreshMode }));

  test("a token valid beyond the margin is returned as stored, with no refresh", async () => {
    const response = await readToken(connectionId);
    expect(response.status).toBe(200);
    const body = await response.json();
    const row = await stored(connectionId);
    expect(body).toEqual({
      accessToken: openToken(connectionId, "accessToken", row.accessToken!).reveal(),
      tokenType: "bearer",
      expiresAt: row.expiresAt!.toISOString(),
      scopes: expect.arrayContaining(["account", "repository"]),
    });
    expect(JSON.stringify(body)).not.toContain(openToken(connectionId, "refreshToken", row.refreshToken!).reveal());
    expect(fake.stats().tokenRequests.refresh_token).toBe(0);
  });

  test("a token expiring within the margin is refreshed first; the provider's refresh token is stored", async () => {
    const before = await stored(connectionId);
    const oldRefresh = openToken(connectionId, "refreshToken", before.refreshToken!).reveal();
    await expireIn(connectionId, 120);
    const body = await (await readToken(connectionId)).json();
    expect(fake.stats().tokenRequests.refresh_token).toBe(1);
    const after = await stored(connectionId);
    expect(body.accessToken).toBe(openToken(connectionId, "accessToken", after.accessToken!).reveal());
    expect(body.accessToken).not.toBe(openToken(connectionId, "accessToken", before.accessToken!).reveal());
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(7000 * 1000);
    const newRefresh = openToken(connectionId, "refreshToken", after.refreshToken!).reveal();
    if (refreshMode === "rotating") expect(newRefresh).not.toBe(oldRefresh);
    else expect(newRefresh).toBe(oldRefresh);
    // The fresh token works at Bitbucket.
    const user = await fetch(`${fake.url}/2.0/user`, { headers: { authorization: `Bearer ${body.accessToken}` } });
    expect(user.status).toBe(200);
  });

  test("200 concurrent reads of an expired token cause one refresh and 200 correct answers", async () => {
    await expireIn(connectionId, -60);
    const bodies = await Promise.all(Array.from({ length: 200 }, async () => (await readToken(connectionId)).json()));
    expect(fake.stats().tokenRequests.refresh_token).toBe(1);
    const current = openToken(connectionId, "accessToken", (await stored(connectionId)).accessToken!).reveal();
    expect(new Set(bodies.map((body) => body.accessToken))).toEqual(new Set([current]));
  });

  test("the background refresher refreshes expiring and idle connections", async () => {
    const idle = await newConnection("grace");
    await expireIn(connectionId, 400);
    await (await db()).connection.update({ where: { id: idle }, data: { lastRefreshedAt: new Date(Date.now() - 8 * 86_400_000) } });
    fake.resetStats();
    const result = await refreshDueConnections();
    expect(result).toEqual({ due: 2, refreshed: 2, failed: 0 });
    expect(fake.stats().tokenRequests.refresh_token).toBe(2);
    expect((await stored(connectionId)).expiresAt!.getTime()).toBeGreaterThan(Date.now() + 7000 * 1000);
    expect((await stored(idle)).lastRefreshedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Nothing is due any more.
    expect(await refreshDueConnections()).toEqual({ due: 0, refreshed: 0, failed: 0 });
  });
});

describe("each read is audited", () => {
  test("with the key, the connection and the address our server recorded; never the token", async () => {
    const body = await (await readToken(connectionId, { [CLIENT_ADDRESS_HEADER]: "203.0.113.7" })).json();
    const events = await (await db()).auditEvent.findMany({ where: { action: "connection.token_read", connectionId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "API_KEY", actorId: apiKeyRow.id, applicationId: application.id, ipAddress: "203.0.113.7" });
    const everything = JSON.stringify(await (await db()).auditEvent.findMany({}));
    expect(everything).not.toContain(body.accessToken);
  });
});

describe("who may read a token", () => {
  test.each([
    ["no key", {}, 401],
    ["a malformed header", { authorization: "Token abc" }, 401],
    ["an unknown key", { authorization: "Bearer lk_not-a-key-not-a-key-not-a-key-not-a-key" }, 401],
  ])("%s gets %i in the envelope", async (_name, headers, status) => {
    const response = await callRoute(tokenRoute, { url: `/api/v1/connections/${connectionId}/token`, headers }, { connectionId });
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe("unauthenticated");
  });

  test("a revoked key stops working at once", async () => {
    const { key, apiKey: row } = await makeApiKey(owner, application.id, "short-lived");
    expect((await callRoute(tokenRoute, { url: "/t", apiKey: key }, { connectionId })).status).toBe(200);
    await revokeApiKey(owner, application.id, row.id);
    const response = await callRoute(tokenRoute, { url: "/t", apiKey: key }, { connectionId });
    expect(response.status).toBe(401);
    expect((await response.json()).error.message).toBe("This API key has been revoked.");
  });

  test("another application's key gets 404, and an unknown connection is 404", async () => {
    const stranger = await makeUser();
    const { key, apiKey: strangerKey } = await makeApiKey(stranger, (await makeApplication(stranger)).id);
    expect((await callRoute(tokenRoute, { url: "/t", apiKey: key }, { connectionId })).status).toBe(404);
    expect((await readToken("conn_missing")).status).toBe(404);
    expect(await (await db()).auditEvent.count({ where: { action: "connection.token_read", actorId: strangerKey.id } })).toBe(0);
  });
});

describe("revocation and reconnection", () => {
  test("a revoked grant answers 424 with the connection id; reconnecting makes it Active again", async () => {
    fake.revokeGrant("ada", consumer.key);
    await expireIn(connectionId, -1);
    const response = await readToken(connectionId);
    expect(response.status).toBe(424);
    expect(await response.json()).toEqual({ error: { code: "needs_reauthorization", message: "The end user must connect Bitbucket again.", connectionId } });
    expect((await stored(connectionId)).status).toBe("NEEDS_REAUTH");
    // Further reads do not call Bitbucket again.
    expect((await readToken(connectionId)).status).toBe(424);
    expect(fake.stats().tokenRequests.refresh_token).toBe(1);

    // The portal's "Reconnect link": a new connect session for the same end user.
    const reconnect = await createReconnectSession(owner, connectionId, null);
    const { location, cookie } = await authorize(reconnect.token);
    const landing = await callback(await decide(location, "grant"), cookie);
    expect(landing.searchParams.get("connection")).toBe(connectionId);
    expect((await stored(connectionId)).status).toBe("ACTIVE");
    expect((await readToken(connectionId)).status).toBe(200);
  });

  test("invalid_grant after another refresher rotated the token is a lost race, not a revocation", async () => {
    fake.updateSettings({ refreshMode: "rotating" });
    await expireIn(connectionId, -1);
    // Our refresh is slow and will be refused; meanwhile "another instance" stores new tokens.
    fake.delayNext("token", 200);
    fake.failNext("token", { status: 400, body: { error: "invalid_grant", error_description: "refresh token already used" } });
    const reading = readToken(connectionId);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const winner = fake.issueTokensDirectly({ consumerKey: consumer.key, userNickname: "ada" });
    await (
      await db()
    ).connection.update({
      where: { id: connectionId },
      data: {
        accessToken: sealToken(connectionId, "accessToken", new Secret(winner.accessToken)),
        refreshToken: sealToken(connectionId, "refreshToken", new Secret(winner.refreshToken)),
        expiresAt: new Date(Date.now() + winner.expiresIn * 1000),
      },
    });
    const response = await reading;
    expect(response.status).toBe(200);
    expect((await response.json()).accessToken).toBe(winner.accessToken);
    expect((await stored(connectionId)).status).toBe("ACTIVE");
  });
});

describe("provider outages", () => {
  test("with the stored token still valid, it is returned even though the refresh failed", async () => {
    await expireIn(connectionId, 100);
    const before = openToken(connectionId, "accessToken", (await stored(connectionId)).accessToken!).reveal();
    fake.failNext("token", { status: 503, body: "<h1>down</h1>" });
    const response = await readToken(connectionId);
    expect(response.status).toBe(200);
    expect((await response.json()).accessToken).toBe(before);
    const row = await stored(connectionId);
    expect(row).toMatchObject({ status: "ACTIVE", failureCount: 1, lastError: "server_error" });
    expect(row.nextRetryAt!.getTime()).toBeGreaterThan(Date.now());
  });

  test("with the stored token expired, 503 with Retry-After, and the connection stays Active", async () => {
    await expireIn(connectionId, -1);
    fake.delayNext("token", 1_000);
    const response = await readToken(connectionId);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await response.json()).error.code).toBe("provider_unavailable");
    expect((await stored(connectionId)).status).toBe("ACTIVE");
    // Backing off: the next read does not call Bitbucket again yet.
    fake.resetStats();
    expect((await readToken(connectionId)).status).toBe(503);
    expect(fake.stats().tokenRequests.total).toBe(0);
  });

  test("429 from the token endpoint is transient too", async () => {
    await expireIn(connectionId, -1);
    fake.failNext("token", { status: 429, body: { error: "rate_limited" }, headers: { "Retry-After": "120" } });
    const response = await readToken(connectionId);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(119);
  });

  test("one connection backing off does not stop the background refresher from refreshing another", async () => {
    const other = await newConnection("grace");
    await expireIn(connectionId, 60);
    await expireIn(other, 60);
    fake.resetStats();
    fake.failNext("token", { status: 500, body: { error: "server_error" } });
    const result = await refreshDueConnections();
    expect(result.due).toBe(2);
    expect(result.refreshed).toBe(1);
    expect(fake.stats().tokenRequests.refresh_token).toBe(2);
  });
});

describe("the proxy", () => {
  test("GET passes query and returns status, body and content type", async () => {
    const response = await proxy(connectionId, "GET", "2.0/repositories/acme?pagelen=2&q=name%3D%22x%22");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const body = await response.json();
    expect(body.values.length).toBeLessThanOrEqual(2);
  });

  test("POST passes method, body and content type", async () => {
    const response = await proxy(connectionId, "POST", "2.0/snippets", JSON.stringify({ title: "hello" }), "application/json");
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ title: "hello" });
  });

  test("a body larger than the JSON limit but within PROXY_MAX_BODY_BYTES passes through whole", async () => {
    const content = "x".repeat(3 * 1024 * 1024);
    const response = await proxy(connectionId, "POST", "2.0/snippets", JSON.stringify({ title: "big", content }), "application/json");
    expect(response.status).toBe(201);
    expect(((await response.json()) as { content: string }).content).toHaveLength(content.length);
  });

  test("on 401 the vault refreshes once and retries", async () => {
    fake.expireAccessTokens();
    const response = await proxy(connectionId, "GET", "2.0/user");
    expect(response.status).toBe(200);
    expect((await response.json()).nickname).toBe("ada");
    expect(fake.stats().tokenRequests.refresh_token).toBe(1);
  });

  test("403 and 429 come back as they are", async () => {
    const forbidden = await proxy(connectionId, "GET", "2.0/user/emails");
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.message).toMatch(/privilege scopes/);
    fake.failNext("api", { status: 429, body: { type: "error", error: { message: "Rate limit" } }, headers: { "Retry-After": "30" } });
    const limited = await proxy(connectionId, "GET", "2.0/user");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("30");
  });

  test("only paths under 2.0/ can be reached, and dot segments are refused", async () => {
    expect((await proxy(connectionId, "GET", "site/oauth2/access_token")).status).toBe(400);
    expect((await proxy(connectionId, "GET", "2.0/../site/oauth2/access_token")).status).toBe(400);
    expect(fake.stats().apiRequests).toBe(0);
  });
});

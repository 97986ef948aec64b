// The OAuth dance end to end over real HTTP against the fake Bitbucket:
// every success and every failure path, and what each leaves in the database.
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { GET as listRoute } from "@/app/api/v1/connections/route";
import { DELETE as deleteRoute, GET as getRoute } from "@/app/api/v1/connections/[connectionId]/route";
import { updateAllowedOrigins } from "@/lib/applications";
import { openConnectSession } from "@/lib/connect";
import { db } from "@/lib/db";
import { openToken } from "@/lib/connections/sealing";
import { setProviderEnabled } from "@/lib/provider-configs";
import { callRoute, makeApiKey, makeApplication, makeUser } from "../support/factories";
import { authorize, callback, configureBitbucket, connectEndUser, connectToken, createConnectSession, decide, CALLBACK_URL } from "../support/connect-flow";

const consumer = { key: "flow-key", secret: "flow-secret-value", callbackUrl: CALLBACK_URL, permissions: ["account", "pullrequest", "email"] };
const fake = await startFakeBitbucket({ consumers: [consumer] });
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;
process.env.PROVIDER_TIMEOUT_MS = "400";
afterAll(() => fake.close());

const returnUrl = "https://app.example/settings/integrations";
const owner = await makeUser();
const application = await makeApplication(owner, "Acme CI");
await updateAllowedOrigins(owner, { applicationId: application.id, allowedOrigins: "https://app.example" });
const { key: apiKey } = await makeApiKey(owner, application.id);
await configureBitbucket(owner, application.id, consumer, ["account", "repository"]);

beforeEach(async () => {
  fake.clearFailures();
  const prisma = await db();
  await prisma.connection.deleteMany({});
});

async function connectionCount(): Promise<number> {
  return (await db()).connection.count();
}

async function failureCodes(): Promise<string[]> {
  const events = await (await db()).auditEvent.findMany({ where: { action: "connection.failed" }, orderBy: { createdAt: "asc" } });
  return events.map((event) => JSON.parse(event.details).code);
}

describe("connect sessions", () => {
  test("a backend gets a single-use link that expires in 30 minutes", async () => {
    const response = await createConnectSession(apiKey, { endUserId: "user-42", provider: "bitbucket", returnUrl });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.connectUrl).toBe(`http://localhost:3999/connect/${body.token}`);
    const minutes = (Date.parse(body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
    const stored = await (await db()).connectSession.findFirstOrThrow({ where: { endUserId: "user-42" } });
    expect(JSON.stringify(stored)).not.toContain(body.token);
  });

  test.each([
    [{ provider: "bitbucket" }, "endUserId"],
    [{ endUserId: " ", provider: "bitbucket" }, "endUserId"],
    [{ endUserId: "x".repeat(256), provider: "bitbucket" }, "endUserId"],
    [{ endUserId: "u", provider: "sourcehut" }, "provider"],
    [{ endUserId: "u", provider: "bitbucket", returnUrl: "javascript:alert(1)" }, "returnUrl"],
    [{ endUserId: "u", provider: "bitbucket", returnUrl: "https://evil.example/steal" }, "returnUrl"],
    [{ endUserId: "u", provider: "bitbucket", returnUrl: "https://app.example.evil.test/" }, "returnUrl"],
  ])("bad input %j is a 400 naming %s, and no session is created", async (body, field) => {
    const before = await (await db()).connectSession.count();
    const response = await createConnectSession(apiKey, body);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("validation_failed");
    expect(error.issues.map((issue: { path: string }) => issue.path)).toContain(field);
    expect(await (await db()).connectSession.count()).toBe(before);
  });

  test("a body that is not JSON is a 400 invalid_json", async () => {
    const response = await createConnectSession(apiKey, "{not json");
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("invalid_json");
  });

  test("an application without the provider set up gets 422", async () => {
    const other = await makeApplication(owner, "No providers");
    const { key } = await makeApiKey(owner, other.id);
    const response = await createConnectSession(key, { endUserId: "u", provider: "bitbucket" });
    expect(response.status).toBe(422);
    expect((await response.json()).error.code).toBe("provider_not_configured");
  });

  test("an expired or used link says so", async () => {
    const token = await connectToken(apiKey);
    await (await db()).connectSession.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) }, where: { usedAt: null } });
    expect(await openConnectSession(token)).toEqual({ problem: "expired" });
    expect(await openConnectSession("lkcs_nonsense")).toEqual({ problem: "unknown" });
  });
});

describe("a successful connection", () => {
  test("Grant access stores the connection with sealed tokens and returns to the return URL", async () => {
    const landing = await connectEndUser(apiKey, { endUserId: "user-42", provider: "bitbucket", returnUrl });
    expect(landing.origin + landing.pathname).toBe(returnUrl);
    expect(landing.searchParams.get("status")).toBe("success");
    const connectionId = landing.searchParams.get("connectionId")!;

    const stored = await (await db()).connection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(stored).toMatchObject({
      endUserId: "user-42",
      provider: "bitbucket",
      accountLogin: "ada",
      accountName: "Ada Lovelace",
      accountEmail: expect.stringContaining("@"),
      status: "ACTIVE",
      missingScopes: "",
    });
    expect(stored.grantedScopes.split(" ").sort()).toEqual(["account", "email", "pullrequest"]);
    expect(stored.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 7000 * 1000);
    const accessToken = openToken(stored.id, "accessToken", stored.accessToken!).reveal();
    expect(stored.accessToken).not.toContain(accessToken);
    expect(accessToken.length).toBeGreaterThan(20);

    const metadata = await callRoute(getRoute, { url: `/api/v1/connections/${connectionId}`, apiKey }, { connectionId });
    expect(metadata.status).toBe(200);
    const text = await metadata.text();
    expect(text).not.toContain(accessToken);
    expect(JSON.parse(text)).toMatchObject({
      id: connectionId,
      status: "active",
      endUserId: "user-42",
      account: { login: "ada", displayName: "Ada Lovelace" },
      missingScopes: [],
    });

    const actions = (await (await db()).auditEvent.findMany({ where: { connectionId } })).map((event) => event.action);
    expect(actions).toContain("connection.created");
  });

  test("connecting the same Bitbucket account again updates the one connection", async () => {
    const first = await connectEndUser(apiKey, { endUserId: "user-42", provider: "bitbucket", returnUrl });
    const before = await (await db()).connection.findUniqueOrThrow({ where: { id: first.searchParams.get("connectionId")! } });
    const second = await connectEndUser(apiKey, { endUserId: "user-42", provider: "bitbucket", returnUrl });
    expect(second.searchParams.get("connectionId")).toBe(before.id);
    const after = await (await db()).connection.findUniqueOrThrow({ where: { id: before.id } });
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(await connectionCount()).toBe(1);
    // Another Bitbucket account is another connection.
    await connectEndUser(apiKey, { endUserId: "user-42", provider: "bitbucket", returnUrl }, "grace");
    expect(await connectionCount()).toBe(2);
  });

  test("without a return URL the vault's own page says it worked", async () => {
    const landing = await connectEndUser(apiKey, { endUserId: "user-7", provider: "bitbucket" });
    expect(landing.pathname).toBe("/connect/result");
    expect(landing.searchParams.get("outcome")).toBe("connected");
  });

  test("missing scopes: the connection is stored and marked, and the end user is told which", async () => {
    await configureBitbucket(owner, application.id, consumer, ["account", "repository", "issue", "webhook"]);
    try {
      const landing = await connectEndUser(apiKey, { endUserId: "user-42", provider: "bitbucket", returnUrl });
      expect(landing.pathname).toBe("/connect/result");
      const connectionId = landing.searchParams.get("connection")!;
      const metadata = await (await callRoute(getRoute, { url: `/api/v1/connections/${connectionId}`, apiKey }, { connectionId })).json();
      // pullrequest implies repository, so only issue and webhook are missing.
      expect(metadata.missingScopes).toEqual(["issue", "webhook"]);
    } finally {
      await configureBitbucket(owner, application.id, consumer, ["account", "repository"]);
    }
  });

  test("a token response that says `scope` instead of `scopes` is understood", async () => {
    fake.updateSettings({ scopeField: "scope" });
    try {
      const landing = await connectEndUser(apiKey, { endUserId: "user-9", provider: "bitbucket", returnUrl });
      const stored = await (await db()).connection.findUniqueOrThrow({ where: { id: landing.searchParams.get("connectionId")! } });
      expect(stored.grantedScopes.split(" ").sort()).toEqual(["account", "email", "pullrequest"]);
    } finally {
      fake.updateSettings({ scopeField: "scopes" });
    }
  });

  test("a used connect link cannot start another connection", async () => {
    const token = await connectToken(apiKey, { endUserId: "user-42", provider: "bitbucket", returnUrl });
    const { location, cookie } = await authorize(token);
    await callback(await decide(location, "grant"), cookie);
    const again = await authorize(token);
    expect(new URL(again.location).searchParams.get("error")).toBe("session_unusable");
  });
});

describe("every failure has a clear outcome and leaves nothing half-written", () => {
  async function failWith(prepare: (callbackUrl: string, cookie: string) => Promise<URL> | URL | Promise<void> | void, decision: "grant" | "deny" = "grant") {
    const token = await connectToken(apiKey, { endUserId: "user-42", provider: "bitbucket", returnUrl });
    const { location, cookie } = await authorize(token);
    const callbackUrl = await decide(location, decision);
    const result = await prepare(callbackUrl, cookie);
    return result instanceof URL ? result : callback(callbackUrl, cookie);
  }

  function expectError(landing: URL, code: string) {
    expect(landing.origin + landing.pathname).toBe(returnUrl);
    expect(landing.searchParams.get("status")).toBe("error");
    expect(landing.searchParams.get("error")).toBe(code);
  }

  test("Deny: access_denied, nothing stored", async () => {
    expectError(await failWith(() => undefined, "deny"), "access_denied");
    expect(await connectionCount()).toBe(0);
    expect((await failureCodes()).at(-1)).toBe("access_denied");
  });

  test("a missing state shows the vault's page", async () => {
    const landing = await callback(`${CALLBACK_URL}?code=abc`);
    expect(landing.pathname).toBe("/connect/result");
    expect(landing.searchParams.get("error")).toBe("state_missing");
  });

  test("a forged state shows the vault's page", async () => {
    const landing = await callback(`${CALLBACK_URL}?code=abc&state=forged`, "lk_oauth_binding=whatever");
    expect(landing.searchParams.get("error")).toBe("state_invalid");
  });

  test("a missing browser cookie is refused", async () => {
    expectError(await failWith(async (callbackUrl) => callback(callbackUrl)), "browser_mismatch");
    expect(await connectionCount()).toBe(0);
  });

  test("another browser's cookie is refused", async () => {
    expectError(await failWith(async (callbackUrl) => callback(callbackUrl, "lk_oauth_binding=someone-elses-binding-value-0123456789")), "browser_mismatch");
  });

  test("an expired state is refused", async () => {
    expectError(
      await failWith(async () => {
        await (await db()).oAuthState.updateMany({ data: { expiresAt: new Date(Date.now() - 1) } });
      }),
      "state_expired",
    );
    expect(await connectionCount()).toBe(0);
  });

  test("a reused state is refused and the first connection stands", async () => {
    const landing = await failWith(async (callbackUrl, cookie) => {
      await callback(callbackUrl, cookie);
      return callback(callbackUrl, cookie);
    });
    expectError(landing, "state_used");
    expect(await connectionCount()).toBe(1);
  });

  test("the provider disabled meanwhile", async () => {
    const landing = await failWith(async () => {
      await setProviderEnabled(owner, application.id, "bitbucket", false);
    });
    await setProviderEnabled(owner, application.id, "bitbucket", true);
    expectError(landing, "provider_disabled");
    expect(await connectionCount()).toBe(0);
  });

  test.each([
    ["invalid_grant", "code_rejected"],
    ["unauthorized_client", "client_rejected"],
  ])("the code exchange refused with %s", async (oauthError, code) => {
    const landing = await failWith(() => fake.failNext("token", { status: 400, body: { error: oauthError, error_description: "nope" } }));
    expectError(landing, code);
    expect(await connectionCount()).toBe(0);
  });

  test("Bitbucket down (503) at the token endpoint", async () => {
    expectError(await failWith(() => fake.failNext("token", { status: 503, body: "<h1>Service unavailable</h1>" })), "provider_unavailable");
    expect(await connectionCount()).toBe(0);
  });

  test("Bitbucket slower than the timeout", async () => {
    expectError(await failWith(() => fake.delayNext("token", 1_500)), "provider_unavailable");
    expect(await connectionCount()).toBe(0);
  });

  test("the profile unreadable", async () => {
    expectError(await failWith(() => fake.failNext("user", { status: 404, body: { type: "error", error: { message: "gone" } } })), "profile_unreadable");
    expect(await connectionCount()).toBe(0);
  });

  test("a failed reconnect leaves the previous connection as it was", async () => {
    const first = await connectEndUser(apiKey, { endUserId: "user-42", provider: "bitbucket", returnUrl });
    const before = await (await db()).connection.findUniqueOrThrow({ where: { id: first.searchParams.get("connectionId")! } });
    expectError(await failWith(() => fake.failNext("token", { status: 400, body: { error: "invalid_grant" } })), "code_rejected");
    const after = await (await db()).connection.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toEqual(before);
  });
});

describe("the connections API", () => {
  test("lists newest first with a cursor, filters by end user and status, and disconnects", async () => {
    for (const [endUserId, account] of [
      ["u1", "ada"],
      ["u2", "grace"],
    ] as const) {
      await connectEndUser(apiKey, { endUserId, provider: "bitbucket", returnUrl }, account);
    }
    const list = async (query: string) => (await callRoute(listRoute, { url: `/api/v1/connections${query}`, apiKey }, {})).json();
    const firstPage = await list("?limit=1");
    expect(firstPage.data.map((row: { endUserId: string }) => row.endUserId)).toEqual(["u2"]);
    const secondPage = await list(`?limit=1&cursor=${firstPage.nextCursor}`);
    expect(secondPage.data.map((row: { endUserId: string }) => row.endUserId)).toEqual(["u1"]);
    expect(secondPage.nextCursor).toBeNull();
    expect((await list("?endUserId=u1")).data).toHaveLength(1);

    const connectionId = secondPage.data[0].id;
    const deleted = await callRoute(deleteRoute, { url: `/api/v1/connections/${connectionId}`, method: "DELETE", apiKey }, { connectionId });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toMatchObject({ status: "revoked", remoteRevocation: "not_supported" });
    const stored = await (await db()).connection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(stored).toMatchObject({ status: "REVOKED", accessToken: null, refreshToken: null });
    expect((await list("?status=revoked")).data.map((row: { id: string }) => row.id)).toEqual([connectionId]);
  });

  test("a bad cursor or filter is a 400", async () => {
    const response = await callRoute(listRoute, { url: "/api/v1/connections?cursor=bogus&status=weird", apiKey }, {});
    expect(response.status).toBe(400);
  });

  test("a key of another application never sees these connections", async () => {
    const landing = await connectEndUser(apiKey, { endUserId: "user-42", provider: "bitbucket", returnUrl });
    const connectionId = landing.searchParams.get("connectionId")!;
    const stranger = await makeUser();
    const otherApp = await makeApplication(stranger);
    const { key: otherKey } = await makeApiKey(stranger, otherApp.id);
    expect((await callRoute(getRoute, { url: `/api/v1/connections/${connectionId}`, apiKey: otherKey }, { connectionId })).status).toBe(404);
    expect((await callRoute(deleteRoute, { url: `/api/v1/connections/${connectionId}`, method: "DELETE", apiKey: otherKey }, { connectionId })).status).toBe(
      404,
    );
    expect((await (await callRoute(listRoute, { url: "/api/v1/connections", apiKey: otherKey }, {})).json()).data).toEqual([]);
    expect((await (await db()).connection.findUniqueOrThrow({ where: { id: connectionId } })).status).toBe("ACTIVE");
  });
});

// End users manage their own connections: the API makes a 15-minute link to their "Your connected
// accounts" page; the page shows only that end user's connections in that application, disconnects
// them (revoking at GitLab, deleting the tokens, audited as the end user) and starts Connect and
// Reconnect through the normal dance, which comes back to the page. Against the fake GitLab over loopback.
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { NextRequest } from "next/server";
import { startFakeGitLab } from "../fakes/gitlab/server";
import { POST as createRoute } from "@/app/api/v1/end-user-sessions/route";
import { GET as callbackRoute } from "@/app/api/oauth/[provider]/callback/route";
import { POST as connectRoute } from "@/app/connect/accounts/[token]/connect/route";
import { updateAllowedOrigins, updateBranding } from "@/lib/applications";
import { connectedAccountsPage, disconnectAccount } from "@/lib/connect";
import { sealToken } from "@/lib/connections/sealing";
import { Secret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { setProviderEnabled } from "@/lib/provider-configs";
import { errorOf } from "../support/errors";
import { callRoute, makeApiKey, makeApplication, makeUser } from "../support/factories";
import { authorize, callback, callbackUrlFor, configureProvider, decide } from "../support/connect-flow";

const GITLAB = { applicationId: "eus-gl-app", secret: "gloas-eus-secret" };
const fake = await startFakeGitLab({
  applications: [{ ...GITLAB, redirectUris: [callbackUrlFor("gitlab")], scopes: ["read_user", "read_api"] }],
});
process.env.GITLAB_BASE_URL = fake.url;
afterAll(() => fake.close());

const owner = await makeUser();
const application = await makeApplication(owner, "Acme CI");
await updateAllowedOrigins(owner, { applicationId: application.id, allowedOrigins: "https://app.example" });
const { key: apiKey } = await makeApiKey(owner, application.id);
await configureProvider(owner, application.id, "gitlab", { clientId: GITLAB.applicationId, clientSecret: GITLAB.secret }, ["read_user", "read_api"]);
const otherApplication = await makeApplication(owner, "Other app");
const { key: otherKey } = await makeApiKey(owner, otherApplication.id);

beforeEach(async () => {
  fake.resetStats();
  await (await db()).connection.deleteMany({});
});

const createSession = (key: string, body: unknown) => callRoute(createRoute, { url: "/api/v1/end-user-sessions", method: "POST", apiKey: key, body }, {});

/** A link's token, from the API's answer. */
async function pageToken(key = apiKey, body: Record<string, unknown> = { endUserId: "user-1" }): Promise<string> {
  const response = await createSession(key, body);
  expect(response.status).toBe(201);
  const { url } = (await response.json()) as { url: string };
  return url.split("/connect/accounts/")[1]!;
}

/** A stored connection; with GitLab tokens issued by the fake when `tokens` is set, sealed as the store seals them. */
async function storedConnection(
  applicationId: string,
  endUserId: string,
  options: { account?: string; status?: "ACTIVE" | "NEEDS_REAUTH"; tokens?: boolean } = {},
) {
  const id = newId("conn");
  const account = options.account ?? `${endUserId}-account`;
  const issued = options.tokens ? fake.issueTokensDirectly({ applicationId: GITLAB.applicationId, username: "ada" }) : null;
  await (
    await db()
  ).connection.create({
    data: {
      id,
      applicationId,
      provider: "gitlab",
      endUserId,
      providerAccountId: `${account}-id`,
      accountLogin: account,
      accountName: `${account} name`,
      grantedScopes: "read_user read_api",
      status: options.status ?? "ACTIVE",
      accessToken: issued ? sealToken(id, "accessToken", new Secret(issued.accessToken)) : null,
      refreshToken: issued?.refreshToken ? sealToken(id, "refreshToken", new Secret(issued.refreshToken)) : null,
    },
  });
  return { id, accessToken: issued?.accessToken };
}

/** Presses Connect (or Reconnect) on the page: a form post to the page's connect route, from the page itself unless `from` says otherwise. */
async function pressConnect(token: string, provider: string, from: Record<string, string> = { "sec-fetch-site": "same-origin" }): Promise<Response> {
  const request = new NextRequest(new URL(`/connect/accounts/${token}/connect`, "http://localhost:3999"), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...from },
    body: new URLSearchParams({ provider }).toString(),
  });
  return connectRoute(request, { params: Promise.resolve({ token }) });
}

describe("POST /api/v1/end-user-sessions", () => {
  test("a backend gets a 15-minute link to the end user's page; only its hash is stored and the creation is audited", async () => {
    const response = await createSession(apiKey, { endUserId: "user-1", returnUrl: "https://app.example/account" });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { url: string; expiresAt: string };
    expect(body.url).toMatch(/^http:\/\/localhost:3999\/connect\/accounts\/lkeu_[\w-]{43}$/);
    const minutes = (Date.parse(body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const prisma = await db();
    const stored = await prisma.endUserSession.findFirstOrThrow({
      where: { applicationId: application.id, endUserId: "user-1" },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.stringify(stored)).not.toContain(body.url.split("/").pop());
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "end_user_session.created", applicationId: application.id },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.actorType).toBe("API_KEY");
    expect(JSON.parse(audit.details)).toEqual({ endUserSessionId: stored.id, endUserId: "user-1" });
  });

  test.each([
    [{}, "endUserId"],
    [{ endUserId: "  " }, "endUserId"],
    [{ endUserId: "x".repeat(256) }, "endUserId"],
    [{ endUserId: "u", returnUrl: "javascript:alert(1)" }, "returnUrl"],
    [{ endUserId: "u", returnUrl: "https://evil.example/steal" }, "returnUrl"],
    [{ endUserId: "u", returnUrl: "https://app.example.evil.test/" }, "returnUrl"],
  ])("bad input %j is a 400 naming %s, and no link is made", async (body, field) => {
    const before = await (await db()).endUserSession.count();
    const response = await createSession(apiKey, body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(error.code).toBe("validation_failed");
    expect(error.issues.map((issue) => issue.path)).toContain(field);
    expect(await (await db()).endUserSession.count()).toBe(before);
  });

  test("without an API key it is a 401", async () => {
    const response = await callRoute(createRoute, { url: "/api/v1/end-user-sessions", method: "POST", body: { endUserId: "u" } }, {});
    expect(response.status).toBe(401);
  });

  test("another application's key makes a link to that application's page, with that application's allowed origins", async () => {
    const refused = await createSession(otherKey, { endUserId: "user-1", returnUrl: "https://app.example/account" });
    expect(refused.status).toBe(400);
    await storedConnection(application.id, "user-1");
    const page = await connectedAccountsPage(await pageToken(otherKey));
    expect(page?.application.name).toBe("Other app");
    expect(page?.accounts).toEqual([]);
  });
});

describe("the page's data", () => {
  test("lists only this end user's live connections in this application, with permissions in words", async () => {
    const mine = await storedConnection(application.id, "user-1", { account: "ada" });
    const needsReconnect = await storedConnection(application.id, "user-1", { account: "ada-work", status: "NEEDS_REAUTH" });
    await storedConnection(application.id, "user-2", { account: "grace" });
    await storedConnection(otherApplication.id, "user-1", { account: "ada-elsewhere" });
    const revoked = await storedConnection(application.id, "user-1", { account: "ada-old" });
    await (await db()).connection.update({ where: { id: revoked.id }, data: { status: "REVOKED" } });

    const page = await connectedAccountsPage(await pageToken());
    expect(page?.application.name).toBe("Acme CI");
    expect(page?.accounts.map((account) => [account.connectionId, account.accountName, account.needsReconnect])).toEqual([
      [mine.id, "ada name", false],
      [needsReconnect.id, "ada-work name", true],
    ]);
    expect(page?.accounts[0]?.permissions).toEqual([
      "Read-only access to your profile through the /user API endpoint",
      "Read access to the API, including all groups and projects",
    ]);
    // GitLab is connected, and no other provider is set up: nothing more to connect.
    expect(page?.connectable).toEqual([]);
  });

  test("the last token read or proxied call is the connection's last use", async () => {
    const { id } = await storedConnection(application.id, "user-1");
    const token = await pageToken();
    expect((await connectedAccountsPage(token))?.accounts[0]?.lastUsedAt).toBeNull();
    const prisma = await db();
    const read = new Date(Date.now() - 60_000);
    await prisma.auditEvent.create({
      data: {
        id: newId("evt"),
        createdAt: read,
        action: "connection.token_read",
        actorType: "API_KEY",
        actorId: "key_x",
        applicationId: application.id,
        connectionId: id,
      },
    });
    expect((await connectedAccountsPage(token))?.accounts[0]?.lastUsedAt).toEqual(read);
    const call = new Date(Date.now() - 1_000);
    await prisma.proxyRequest.create({
      data: {
        id: newId("req"),
        createdAt: call,
        applicationId: application.id,
        connectionId: id,
        method: "GET",
        path: "api/v4/user",
        status: 200,
        durationMs: 5,
        requestBytes: 0,
        responseBytes: 10,
        retries: 0,
      },
    });
    expect((await connectedAccountsPage(token))?.accounts[0]?.lastUsedAt).toEqual(call);
  });

  test("an enabled provider with no connection is offered to connect; a disabled one is not", async () => {
    const token = await pageToken();
    expect((await connectedAccountsPage(token))?.connectable).toEqual([{ providerId: "gitlab", providerName: "GitLab" }]);
    await setProviderEnabled(owner, application.id, "gitlab", false);
    try {
      expect((await connectedAccountsPage(token))?.connectable).toEqual([]);
    } finally {
      await setProviderEnabled(owner, application.id, "gitlab", true);
    }
  });

  test("the logo and accent colour the developer set in Settings reach the page", async () => {
    const token = await pageToken();
    expect((await connectedAccountsPage(token))?.application).toEqual({ name: "Acme CI", logoUrl: null, accentColor: null });
    await updateBranding(owner, { applicationId: application.id, logoUrl: "https://app.example/logo.png", accentColor: "#0F766E" });
    expect((await connectedAccountsPage(token))?.application).toEqual({ name: "Acme CI", logoUrl: "https://app.example/logo.png", accentColor: "#0f766e" });
    const stranger = await makeUser();
    expect((await errorOf(updateBranding(stranger, { applicationId: application.id, logoUrl: "", accentColor: "" }))).code).toBe("not_found");
    await updateBranding(owner, { applicationId: application.id, logoUrl: "", accentColor: "" });
  });

  test("an unknown or expired link has no page", async () => {
    expect(await connectedAccountsPage("lkeu_nonsense")).toBeNull();
    const token = await pageToken();
    await (await db()).endUserSession.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await connectedAccountsPage(token)).toBeNull();
  });
});

describe("Disconnect", () => {
  test("revokes the token at GitLab, deletes the tokens here and records the end user as the one who did it", async () => {
    const { id, accessToken } = await storedConnection(application.id, "user-1", { tokens: true });
    const token = await pageToken();
    expect(await disconnectAccount(token, id, "203.0.113.9")).toEqual({ providerId: "gitlab", remoteRevocation: "revoked" });
    const prisma = await db();
    const connection = await prisma.connection.findUniqueOrThrow({ where: { id } });
    expect(connection).toMatchObject({ status: "REVOKED", accessToken: null, refreshToken: null });
    expect((await fetch(`${fake.url}/api/v4/user`, { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(401);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "connection.disconnected", connectionId: id } });
    expect(audit).toMatchObject({ actorType: "END_USER", actorId: "user-1", ipAddress: "203.0.113.9" });
    expect((await connectedAccountsPage(token))?.accounts).toEqual([]);
  });

  test("another end user's or application's connection is not found and stays connected", async () => {
    const theirs = await storedConnection(application.id, "user-2");
    const elsewhere = await storedConnection(otherApplication.id, "user-1");
    const token = await pageToken();
    for (const { id } of [theirs, elsewhere]) {
      expect((await errorOf(disconnectAccount(token, id, null))).code).toBe("not_found");
      expect((await (await db()).connection.findUniqueOrThrow({ where: { id } })).status).toBe("ACTIVE");
    }
  });

  test("an expired link disconnects nothing", async () => {
    const { id } = await storedConnection(application.id, "user-1");
    const token = await pageToken();
    await (await db()).endUserSession.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await disconnectAccount(token, id, null)).toBeNull();
    expect((await (await db()).connection.findUniqueOrThrow({ where: { id } })).status).toBe("ACTIVE");
  });
});

describe("Connect and Reconnect", () => {
  /** Presses Connect, goes through the fake's authorize page; returns the callback's redirect. */
  async function connectFromPage(token: string, { withPageCookie = true } = {}): Promise<URL> {
    const pressed = await pressConnect(token, "gitlab");
    expect(pressed.status).toBe(303);
    const authorizeUrl = new URL(pressed.headers.get("location")!);
    expect(authorizeUrl.pathname).toBe("/api/oauth/gitlab/authorize");
    const pageCookie = pressed.headers.get("set-cookie")!;
    expect(pageCookie).toContain("Path=/api/oauth");
    expect(pageCookie).toContain("HttpOnly");
    const { location, cookie } = await authorize(authorizeUrl.searchParams.get("session")!, undefined, "gitlab");
    const cookies = withPageCookie ? `${cookie}; ${pageCookie.split(";")[0]}` : cookie;
    return callback(await decide(location, "grant"), cookies);
  }

  test("Connect makes a connection for this end user and comes back to the page, which lists it", async () => {
    const token = await pageToken();
    const landing = await connectFromPage(token);
    expect(landing.pathname).toBe(`/connect/accounts/${token}`);
    expect(Object.fromEntries(landing.searchParams)).toEqual({ outcome: "connected", provider: "gitlab" });
    const page = await connectedAccountsPage(token);
    expect(page?.accounts.map((account) => account.accountLogin)).toEqual(["ada"]);
    const connection = await (await db()).connection.findFirstOrThrow({ where: { applicationId: application.id } });
    expect(connection.endUserId).toBe("user-1");
  });

  test("Reconnect makes a connection that needs it active again", async () => {
    const token = await pageToken();
    await connectFromPage(token);
    const prisma = await db();
    await prisma.connection.updateMany({ data: { status: "NEEDS_REAUTH" } });
    expect((await connectedAccountsPage(token))?.accounts[0]?.needsReconnect).toBe(true);
    await connectFromPage(token);
    expect((await connectedAccountsPage(token))?.accounts.map((account) => account.needsReconnect)).toEqual([false]);
  });

  test.each([
    ["another site (Sec-Fetch-Site: cross-site)", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }],
    ["a sibling site (Sec-Fetch-Site: same-site)", { "sec-fetch-site": "same-site", origin: "http://other.localhost:3999" }],
    ["another origin, from a browser without Sec-Fetch-Site", { origin: "https://evil.example" }],
    ["no origin at all", {}],
  ])("a Connect post from %s is refused with a 403 and starts nothing", async (_from, headers) => {
    const token = await pageToken();
    const sessionsBefore = await (await db()).connectSession.count();
    const refused = await pressConnect(token, "gitlab", headers);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("location")).toBeNull();
    expect(refused.headers.get("set-cookie")).toBeNull();
    expect(await refused.text()).toBe("Connect can only be pressed on your connected accounts page.");
    expect(await (await db()).connectSession.count()).toBe(sessionsBefore);
  });

  test("a browser without Sec-Fetch-Site that names the vault's own origin may press Connect", async () => {
    const pressed = await pressConnect(await pageToken(), "gitlab", { origin: "http://localhost:3999" });
    expect(pressed.status).toBe(303);
    expect(new URL(pressed.headers.get("location")!).pathname).toBe("/api/oauth/gitlab/authorize");
  });

  test("the callback deletes the cookie holding the page's link", async () => {
    const token = await pageToken();
    const pressed = await pressConnect(token, "gitlab");
    const { location, cookie } = await authorize(new URL(pressed.headers.get("location")!).searchParams.get("session")!, undefined, "gitlab");
    const callbackUrl = await decide(location, "grant");
    const landing = await callRoute(callbackRoute, { url: callbackUrl, headers: { cookie: `${cookie}; lk_accounts_page=${token}` } }, { provider: "gitlab" });
    expect(new URL(landing.headers.get("location")!).pathname).toBe(`/connect/accounts/${token}`);
    const cleared = landing.headers.getSetCookie().find((header) => header.startsWith("lk_accounts_page="));
    expect(cleared).toMatch(/^lk_accounts_page=;/);
    expect(cleared).toContain("Path=/api/oauth");
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
  });

  test("once the page's link has expired, or without its cookie, the dance ends on the normal result page", async () => {
    const withoutCookie = await connectFromPage(await pageToken(), { withPageCookie: false });
    expect(withoutCookie.pathname).toBe("/connect/result");
    expect(withoutCookie.searchParams.get("outcome")).toBe("connected");

    const token = await pageToken();
    const pressed = await pressConnect(token, "gitlab");
    await (await db()).endUserSession.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const { location, cookie } = await authorize(new URL(pressed.headers.get("location")!).searchParams.get("session")!, undefined, "gitlab");
    const landing = await callback(await decide(location, "grant"), `${cookie}; ${pressed.headers.get("set-cookie")!.split(";")[0]}`);
    expect(landing.pathname).toBe("/connect/result");
  });

  test("another page's link in the cookie does not redirect there", async () => {
    const token = await pageToken();
    const elsewhere = await pageToken(apiKey, { endUserId: "user-2" });
    const pressed = await pressConnect(token, "gitlab");
    const { location, cookie } = await authorize(new URL(pressed.headers.get("location")!).searchParams.get("session")!, undefined, "gitlab");
    const landing = await callback(await decide(location, "grant"), `${cookie}; lk_accounts_page=${elsewhere}`);
    expect(landing.pathname).toBe("/connect/result");
  });

  test("an expired link sends Connect back to the page (which says so); a provider turned off says that", async () => {
    const token = await pageToken();
    await setProviderEnabled(owner, application.id, "gitlab", false);
    try {
      const refused = new URL((await pressConnect(token, "gitlab")).headers.get("location")!);
      expect(refused.pathname).toBe(`/connect/accounts/${token}`);
      expect(Object.fromEntries(refused.searchParams)).toEqual({ outcome: "failed", provider: "gitlab", error: "provider_disabled" });
    } finally {
      await setProviderEnabled(owner, application.id, "gitlab", true);
    }
    await (await db()).endUserSession.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await pressConnect(token, "gitlab");
    expect(expired.status).toBe(303);
    expect(new URL(expired.headers.get("location")!).pathname).toBe(`/connect/accounts/${token}`);
    expect(expired.headers.get("set-cookie")).toBeNull();
  });
});

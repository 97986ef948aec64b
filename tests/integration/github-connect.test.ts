// GitHub (OAuth App) through the vault's real route handlers, against the fake GitHub over
// loopback: connect with PKCE (the fake checks the verifier), comma-separated granted scopes without
// the implied ones, emails from /user/emails, classic tokens that never expire (and a 401 meaning
// reconnect), the expiring-token mode refreshing with rotation, the User-Agent on proxied calls, and
// disconnect deleting the token, not the grant.
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { startFakeGitHub } from "../fakes/github/server";
import { GET as getRoute, DELETE as deleteRoute } from "@/app/api/v1/connections/[connectionId]/route";
import { GET as tokenRoute } from "@/app/api/v1/connections/[connectionId]/token/route";
import { GET as proxyGet } from "@/app/api/v1/connections/[connectionId]/proxy/[...path]/route";
import { refreshDueConnections } from "@/lib/connections/background";
import { db } from "@/lib/db";
import { openToken } from "@/lib/connections/sealing";
import { callRoute, makeApiKey, makeApplication, makeUser } from "../support/factories";
import { authorize, callback, callbackUrlFor, configureProvider, connectEndUser, connectToken, decide, replaceCodeVerifier } from "../support/connect-flow";
import { expireIn, stored } from "../support/connections";

const app = { clientId: "gh-flow-app", clientSecret: "gh-flow-secret" };
const fake = await startFakeGitHub({ applications: [{ ...app, callbackUrl: callbackUrlFor("github") }] });
process.env.GITHUB_AUTH_BASE_URL = fake.url;
process.env.GITHUB_API_BASE_URL = fake.url;
process.env.PROVIDER_TIMEOUT_MS = "400";
afterAll(() => fake.close());

const owner = await makeUser();
const application = await makeApplication(owner, "GitHub flow");
const { key: apiKey } = await makeApiKey(owner, application.id);
await configureProvider(owner, application.id, "github", app, ["user", "user:email", "gist"]);

beforeEach(async () => {
  fake.reset();
  await (await db()).connection.deleteMany({});
});

const connect = async (endUserId: string, account = "ada", uncheck: string[] = []) => {
  const landing = await connectEndUser(apiKey, { endUserId, provider: "github" }, account, uncheck);
  expect(landing.searchParams.get("outcome")).toBe("connected");
  return landing.searchParams.get("connection")!;
};
const readToken = (connectionId: string) => callRoute(tokenRoute, { url: `/api/v1/connections/${connectionId}/token`, apiKey }, { connectionId });
const proxy = (connectionId: string, path: string) =>
  callRoute(proxyGet, { url: `/api/v1/connections/${connectionId}/proxy/${path}`, apiKey }, { connectionId, path: path.split("/") });
const heldToken = async (connectionId: string) => openToken(connectionId, "accessToken", (await stored(connectionId)).accessToken!).reveal();
const apiStatus = async (accessToken: string) =>
  (await fetch(`${fake.url}/user`, { headers: { authorization: `Bearer ${accessToken}`, "user-agent": "latchkey-tests" } })).status;

describe("connect", () => {
  test("scopes are asked for space-separated with an S256 challenge; GitHub's comma-separated grant, without implied scopes, covers what is required", async () => {
    const { location, cookie } = await authorize(await connectToken(apiKey, { endUserId: "gh-user", provider: "github" }), undefined, "github");
    const authorizeUrl = new URL(location);
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(`${fake.url}/login/oauth/authorize`);
    expect(authorizeUrl.searchParams.get("scope")!.split(" ").sort()).toEqual(["gist", "user", "user:email"]);
    expect(authorizeUrl.searchParams.get("code_challenge_method")).toBe("S256");
    const landing = await callback(await decide(location, "grant"), cookie);

    const connection = await stored(landing.searchParams.get("connection")!);
    // GitHub answered scope "gist,user": user implies user:email, so nothing is missing.
    expect(connection.grantedScopes.split(" ").sort()).toEqual(["gist", "user"]);
    expect(connection).toMatchObject({ providerAccountId: "18151210", accountLogin: "ada", accountName: "Ada Lovelace", missingScopes: "", status: "ACTIVE" });
  });

  test("a scope the end user unticks is missing, and said so", async () => {
    const connectionId = await connect("gh-narrow", "ada", ["gist"]);
    expect((await stored(connectionId)).grantedScopes).toBe("user");
    const metadata = await (await callRoute(getRoute, { url: `/api/v1/connections/${connectionId}`, apiKey }, { connectionId })).json();
    expect(metadata.missingScopes).toEqual(["gist"]);
  });

  test("an account without a public address gets its primary one from /user/emails", async () => {
    const connectionId = await connect("gh-grace", "grace");
    expect(await stored(connectionId)).toMatchObject({ providerAccountId: "19061209", accountLogin: "grace", accountEmail: "grace@example.com" });
  });

  test("GitHub refuses a wrong verifier (bad_verification_code, as HTTP 200): nothing is connected", async () => {
    const { location, cookie } = await authorize(await connectToken(apiKey, { endUserId: "gh-wrong-verifier", provider: "github" }), undefined, "github");
    const callbackUrl = new URL(await decide(location, "grant"));
    const prisma = await db();
    await replaceCodeVerifier(callbackUrl);

    const landing = await callback(callbackUrl.href, cookie);
    expect(landing.searchParams.get("outcome")).not.toBe("connected");
    expect(landing.searchParams.get("error")).toBeTruthy();
    expect(fake.stats().tokenRequests.authorization_code).toBe(1);
    expect(await prisma.connection.count({ where: { endUserId: "gh-wrong-verifier" } })).toBe(0);
  });
});

describe("a classic OAuth App token", () => {
  test("has no expiry: handed out as stored, never refreshed, and proxied calls carry the User-Agent GitHub requires", async () => {
    const connectionId = await connect("gh-classic");
    expect((await stored(connectionId)).expiresAt).toBeNull();
    const response = await readToken(connectionId);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accessToken: await heldToken(connectionId), expiresAt: null });
    expect(await refreshDueConnections()).toMatchObject({ due: 0 });
    expect(fake.stats().tokenRequests.refresh_token).toBe(0);

    const me = await proxy(connectionId, "user");
    expect(me.status).toBe(200);
    expect((await me.json()).login).toBe("ada");
    expect(fake.lastApiRequest()).toMatchObject({ path: "/user", headers: { "user-agent": "Latchkey" } });
  });

  test("a 401 from GitHub through the proxy means the end user must reconnect", async () => {
    const connectionId = await connect("gh-revoked");
    fake.revokeGrant("ada", app.clientId);
    expect((await proxy(connectionId, "user/repos")).status).toBe(424);
    expect((await stored(connectionId)).status).toBe("NEEDS_REAUTH");
    expect(fake.stats().tokenRequests.refresh_token).toBe(0);
  });
});

describe("an app with expiring tokens", () => {
  test("an expired token is refreshed on read, and GitHub's rotated tokens replace the old ones", async () => {
    fake.updateSettings({ expiringTokens: true });
    const connectionId = await connect("gh-expiring");
    const before = await stored(connectionId);
    expect((before.expiresAt!.getTime() - Date.now()) / 1000).toBeGreaterThan(28000);
    const oldAccessToken = await heldToken(connectionId);
    await expireIn(connectionId, -60);

    const { accessToken } = await (await readToken(connectionId)).json();
    expect(fake.stats().tokenRequests.refresh_token).toBe(1);
    expect(accessToken).not.toBe(oldAccessToken);
    const after = await stored(connectionId);
    expect(openToken(connectionId, "refreshToken", after.refreshToken!).reveal()).not.toBe(
      openToken(connectionId, "refreshToken", before.refreshToken!).reveal(),
    );
    expect(await apiStatus(oldAccessToken)).toBe(401);
    expect(await apiStatus(accessToken)).toBe(200);
  });
});

describe("disconnect", () => {
  test("deletes the held token at GitHub, not the grant", async () => {
    const connectionId = await connect("gh-disconnect");
    const accessToken = await heldToken(connectionId);
    const response = await callRoute(deleteRoute, { url: `/api/v1/connections/${connectionId}`, method: "DELETE", apiKey }, { connectionId });
    expect(await response.json()).toMatchObject({ status: "revoked", remoteRevocation: "revoked" });
    expect(fake.stats().revocations).toEqual({ token: 1, grant: 0 });
    expect(await apiStatus(accessToken)).toBe(401);
  });
});

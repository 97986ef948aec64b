// GitLab through the vault's real route handlers, against the fake GitLab over loopback: connect
// with PKCE (the fake checks the verifier), the scopes asked for and granted, a numeric account id,
// the token read and the proxy, refresh with rotation, and disconnect revoking at GitLab.
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { startFakeGitLab } from "../fakes/gitlab/server";
import { DELETE as deleteRoute } from "@/app/api/v1/connections/[connectionId]/route";
import { GET as tokenRoute } from "@/app/api/v1/connections/[connectionId]/token/route";
import { GET as proxyGet } from "@/app/api/v1/connections/[connectionId]/proxy/[...path]/route";
import { completeAuthorization } from "@/lib/connect";
import { db } from "@/lib/db";
import { openToken } from "@/lib/connections/sealing";
import { gitlab } from "@/lib/providers/gitlab";
import { callRoute, makeApiKey, makeApplication, makeUser } from "../support/factories";
import { authorize, callback, callbackUrlFor, configureProvider, connectEndUser, connectToken, decide, replaceCodeVerifier } from "../support/connect-flow";
import { expireIn, stored } from "../support/connections";

const app = { applicationId: "gl-flow-app", secret: "gloas-flow-secret" };
const fake = await startFakeGitLab({
  applications: [{ ...app, redirectUris: [callbackUrlFor("gitlab")], scopes: ["api", "read_api", "read_user", "read_repository"] }],
});
process.env.GITLAB_BASE_URL = fake.url;
process.env.PROVIDER_TIMEOUT_MS = "400";
afterAll(() => fake.close());

const owner = await makeUser();
const application = await makeApplication(owner, "GitLab flow");
const { key: apiKey } = await makeApiKey(owner, application.id);
await configureProvider(owner, application.id, "gitlab", { clientId: app.applicationId, clientSecret: app.secret }, ["read_user", "read_api"]);

beforeEach(async () => {
  fake.clearFailures();
  fake.resetStats();
  await (await db()).connection.deleteMany({});
});

const connect = async (endUserId: string, account = "ada") => {
  const landing = await connectEndUser(apiKey, { endUserId, provider: "gitlab" }, account);
  expect(landing.searchParams.get("outcome")).toBe("connected");
  return landing.searchParams.get("connection")!;
};
const readToken = (connectionId: string) => callRoute(tokenRoute, { url: `/api/v1/connections/${connectionId}/token`, apiKey }, { connectionId });
const proxy = (connectionId: string, path: string) =>
  callRoute(proxyGet, { url: `/api/v1/connections/${connectionId}/proxy/${path}`, apiKey }, { connectionId, path: path.split("/") });
const disconnect = (connectionId: string) => callRoute(deleteRoute, { url: `/api/v1/connections/${connectionId}`, method: "DELETE", apiKey }, { connectionId });

/** Starts a connect and has the end user authorize at the fake; the callback is not sent yet. */
async function authorizedAtGitLab(endUserId: string) {
  const { location, cookie } = await authorize(await connectToken(apiKey, { endUserId, provider: "gitlab" }), undefined, "gitlab");
  return { authorizeUrl: new URL(location), callbackUrl: new URL(await decide(location, "grant")), cookie };
}

describe("connect", () => {
  test("the authorize request asks for the configured scopes with an S256 challenge and the Redirect URI; the grant is stored with GitLab's numeric id as a string", async () => {
    const { authorizeUrl, callbackUrl, cookie } = await authorizedAtGitLab("gl-user");
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(`${fake.url}/oauth/authorize`);
    expect(authorizeUrl.searchParams.get("scope")!.split(" ").sort()).toEqual(["read_api", "read_user"]);
    expect(authorizeUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizeUrl.searchParams.get("redirect_uri")).toBe(callbackUrlFor("gitlab"));
    const landing = await callback(callbackUrl.href, cookie);
    expect(landing.searchParams.get("outcome")).toBe("connected");

    const connection = await stored(landing.searchParams.get("connection")!);
    expect(connection).toMatchObject({
      provider: "gitlab",
      providerAccountId: "1815",
      accountLogin: "ada",
      accountName: "Ada Lovelace",
      accountEmail: "ada@example.com",
      missingScopes: "",
      status: "ACTIVE",
    });
    expect(connection.grantedScopes.split(" ").sort()).toEqual(["read_api", "read_user"]);
    // GitLab access tokens live 2 hours.
    expect((connection.expiresAt!.getTime() - Date.now()) / 1000).toBeGreaterThan(7100);
    expect(fake.stats().tokenRequests.authorization_code).toBe(1);
  });

  test("GitLab refuses a wrong verifier: nothing is connected", async () => {
    const { callbackUrl, cookie } = await authorizedAtGitLab("gl-wrong-verifier");
    const prisma = await db();
    await replaceCodeVerifier(callbackUrl);

    const landing = await callback(callbackUrl.href, cookie);
    expect(landing.searchParams.get("outcome")).not.toBe("connected");
    expect(landing.searchParams.get("error")).toBeTruthy();
    expect(fake.stats().tokenRequests.authorization_code).toBe(1);
    expect(await prisma.connection.count({ where: { endUserId: "gl-wrong-verifier" } })).toBe(0);
  });

  test("GitLab refuses a code exchange without the verifier (PKCE off on our side for a code issued with a challenge)", async () => {
    const { callbackUrl, cookie } = await authorizedAtGitLab("gl-no-verifier");
    const outcome = await completeAuthorization(
      { ...gitlab, pkce: false },
      { query: callbackUrl.searchParams, browserBinding: cookie.split("=")[1], ipAddress: null },
    );
    expect(outcome.kind).toBe("failed");
    expect(fake.stats().tokenRequests.authorization_code).toBe(1);
    expect(await (await db()).connection.count({ where: { endUserId: "gl-no-verifier" } })).toBe(0);
  });
});

describe("a connected GitLab account", () => {
  test("the token read hands out a token GitLab accepts, and the proxy reaches /api/v4 only", async () => {
    const connectionId = await connect("gl-token");
    const response = await readToken(connectionId);
    expect(response.status).toBe(200);
    const { accessToken, scopes, expiresAt } = await response.json();
    expect([...scopes].sort()).toEqual(["read_api", "read_user"]);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const me = await fetch(`${fake.url}/api/v4/user`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect((await me.json()).username).toBe("ada");

    const projects = await proxy(connectionId, "api/v4/projects");
    expect(projects.status).toBe(200);
    expect(fake.lastApiRequest()!.path).toBe("/api/v4/projects");
    expect((await proxy(connectionId, "oauth/token/info")).status).toBe(400);
  });

  test("an expired token is refreshed on read, and GitLab's rotated refresh token is kept", async () => {
    const connectionId = await connect("gl-refresh");
    const before = await stored(connectionId);
    await expireIn(connectionId, -60);
    const response = await readToken(connectionId);
    expect(response.status).toBe(200);
    const { accessToken } = await response.json();

    const after = await stored(connectionId);
    expect(fake.stats().tokenRequests.refresh_token).toBe(1);
    expect(accessToken).not.toBe(openToken(connectionId, "accessToken", before.accessToken!).reveal());
    expect(openToken(connectionId, "refreshToken", after.refreshToken!).reveal()).not.toBe(
      openToken(connectionId, "refreshToken", before.refreshToken!).reveal(),
    );
    expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 7100 * 1000);
    expect((await proxy(connectionId, "api/v4/user")).status).toBe(200);
  });
});

describe("disconnect", () => {
  test("revokes the token at GitLab, then deletes it here", async () => {
    const connectionId = await connect("gl-disconnect");
    const { accessToken } = await (await readToken(connectionId)).json();
    const response = await disconnect(connectionId);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "revoked", remoteRevocation: "revoked" });
    expect(fake.stats().revokeRequests).toBe(1);
    expect((await fetch(`${fake.url}/api/v4/user`, { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(401);
    expect(await stored(connectionId)).toMatchObject({ status: "REVOKED", accessToken: null, refreshToken: null });
  });

  test("GitLab down: the connection is still disconnected here, and the answer and the audit say revoking at GitLab failed", async () => {
    const connectionId = await connect("gl-down");
    fake.failNext("revoke", { status: 503 });
    const response = await disconnect(connectionId);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "revoked", remoteRevocation: "failed" });
    expect(await stored(connectionId)).toMatchObject({ status: "REVOKED", accessToken: null, refreshToken: null });
    const audit = await (await db()).auditEvent.findFirstOrThrow({ where: { connectionId, action: "connection.disconnected" } });
    expect(JSON.parse(audit.details)).toMatchObject({ remoteRevocation: "failed" });
  });
});

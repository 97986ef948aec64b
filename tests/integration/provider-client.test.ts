// The provider client against each fake provider over real HTTP: every quirk the declarations
// describe (PKCE, scope sending, redirect_uri, errors as HTTP 200, tokens that never expire,
// revocation, numeric ids) reaches the wire as the provider wants it.
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { startFakeGitHub } from "../fakes/github/server";
import { startFakeGitLab } from "../fakes/gitlab/server";
import { hiddenFields, submitAuthorizeForm, unescapeHtml } from "../support/fake-providers";

const BITBUCKET = { clientId: "bb-key", secret: "bb-secret", redirectUri: "http://localhost:3999/api/oauth/bitbucket/callback" };
const GITLAB = { clientId: "gl-application-id", secret: "gloas-right", redirectUri: "http://localhost:3999/api/oauth/gitlab/callback" };
const GITHUB = { clientId: "gh-client-id", secret: "gh-right", redirectUri: "http://localhost:3999/api/oauth/github/callback" };

const bitbucketFake = await startFakeBitbucket({
  consumers: [{ key: BITBUCKET.clientId, secret: BITBUCKET.secret, callbackUrl: BITBUCKET.redirectUri, permissions: ["account", "email", "repository"] }],
  refreshMode: "rotating",
});
const gitlabFake = await startFakeGitLab({
  applications: [
    {
      applicationId: GITLAB.clientId,
      secret: GITLAB.secret,
      redirectUris: [GITLAB.redirectUri],
      scopes: ["read_user", "api", "openid", "profile", "email"],
    },
  ],
});
const githubFake = await startFakeGitHub({
  applications: [{ clientId: GITHUB.clientId, clientSecret: GITHUB.secret, callbackUrl: GITHUB.redirectUri }],
});
process.env.BITBUCKET_AUTH_BASE_URL = bitbucketFake.url;
process.env.BITBUCKET_API_BASE_URL = bitbucketFake.url;
process.env.GITLAB_BASE_URL = gitlabFake.url;
process.env.GITHUB_AUTH_BASE_URL = githubFake.url;
process.env.GITHUB_API_BASE_URL = githubFake.url;

const { Secret } = await import("@/lib/crypto");
const { bitbucket } = await import("@/lib/providers/bitbucket");
const { gitlab } = await import("@/lib/providers/gitlab");
const { github } = await import("@/lib/providers/github");
const client = await import("@/lib/provider-client");

afterAll(async () => {
  await Promise.all([bitbucketFake.close(), gitlabFake.close(), githubFake.close()]);
});
afterEach(() => {
  bitbucketFake.reset();
  gitlabFake.reset();
  githubFake.reset();
});

const credentials = (app: { clientId: string; secret: string }, secret = app.secret) => ({ clientId: app.clientId, clientSecret: new Secret(secret) });

/** Loads the provider's authorize page and presses its first button (grant), as the end user would; returns the code. */
async function approve(authorizeUrl: URL, options: { account?: string; uncheck?: string[] } = {}): Promise<string> {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  const checked = [...html.matchAll(/<input type="checkbox" id="[^"]*" name="grant_scope" value="([^"]+)" checked>/g)]
    .map(([, value = ""]): [string, string] => ["grant_scope", unescapeHtml(value)])
    .filter(([, scope]) => !options.uncheck?.includes(scope));
  const decision = /<button type="submit" name="decision" value="([^"]+)"/.exec(html)?.[1] ?? "";
  const callback = await submitAuthorizeForm(authorizeUrl.origin, html, { fields: [...hiddenFields(html), ...checked], decision, account: options.account });
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`no code in ${callback.href}`);
  return code;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(client.TokenEndpointRefused);
  return (error as InstanceType<typeof client.TokenEndpointRefused>).error;
}

function secondsFromNow(date: Date | null): number {
  return date ? Math.round((date.getTime() - Date.now()) / 1000) : NaN;
}

describe("Bitbucket", () => {
  const app = credentials(BITBUCKET);

  async function connect() {
    const url = client.authorizationUrl(bitbucket, app, { state: "s1", redirectUri: BITBUCKET.redirectUri, scopes: ["account", "email"] });
    return client.exchangeCode(bitbucket, app, { code: await approve(url), redirectUri: BITBUCKET.redirectUri });
  }

  test("the authorize URL carries no PKCE challenge, no scope and no redirect_uri: the consumer fixes them", () => {
    const url = client.authorizationUrl(bitbucket, app, { state: "s1", redirectUri: BITBUCKET.redirectUri, scopes: ["account", "email"] });
    expect(`${url.origin}${url.pathname}`).toBe(`${bitbucketFake.url}/site/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: BITBUCKET.clientId, response_type: "code", state: "s1" });
  });

  test("a code is exchanged once for tokens with the consumer's scopes; refresh rotates the refresh token", async () => {
    const tokens = await connect();
    expect(tokens.tokenType).toBe("bearer");
    expect(secondsFromNow(tokens.expiresAt)).toBeGreaterThan(7100);
    expect(tokens.grantedScopes?.sort()).toEqual(["account", "email", "repository"]);
    expect(tokens.refreshToken).not.toBeNull();

    const refreshed = await client.refresh(bitbucket, app, tokens.refreshToken!);
    expect(refreshed.accessToken.reveal()).not.toBe(tokens.accessToken.reveal());
    expect(refreshed.refreshToken!.reveal()).not.toBe(tokens.refreshToken!.reveal());
  });

  test("a used code is invalid_grant", async () => {
    const code = await approve(client.authorizationUrl(bitbucket, app, { state: "s1", redirectUri: BITBUCKET.redirectUri, scopes: [] }));
    await client.exchangeCode(bitbucket, app, { code, redirectUri: BITBUCKET.redirectUri });
    expect(await refusal(client.exchangeCode(bitbucket, app, { code, redirectUri: BITBUCKET.redirectUri }))).toBe("invalid_grant");
  });

  test("the profile gives the uuid and, with the email scope, the primary address", async () => {
    const tokens = await connect();
    const account = await client.readProfile(bitbucket, tokens.accessToken, tokens.grantedScopes ?? []);
    expect(account).toMatchObject({ login: "ada", name: "Ada Lovelace" });
    expect(account.id).toMatch(/^\{.+\}$/);
    expect(account.email).toContain("@");
  });

  test("a 503, a 429 and an HTML page from the token endpoint are the provider not answering, not a refusal", async () => {
    const tokens = await connect();
    for (const failure of [{ status: 503 }, { status: 429 }, { status: 200, body: "<html>maintenance</html>" }]) {
      bitbucketFake.failNext("token", failure);
      await expect(client.refresh(bitbucket, app, tokens.refreshToken!)).rejects.toBeInstanceOf(client.ProviderUnreachable);
    }
  });

  test("Verify tells the right secret from a wrong one", async () => {
    expect(await client.checkClientCredentials(bitbucket, app)).toBe("valid");
    expect(await client.checkClientCredentials(bitbucket, credentials(BITBUCKET, "wrong"))).toBe("invalid");
  });

  test("there is nothing to revoke at Bitbucket", async () => {
    expect(await client.revoke(bitbucket, app, new Secret("anything"))).toBe(false);
  });
});

describe("GitLab", () => {
  const app = credentials(GITLAB);

  async function connect(scopes = ["read_user", "api"]) {
    const verifier = client.newCodeVerifier();
    const url = client.authorizationUrl(gitlab, app, {
      state: "s1",
      redirectUri: GITLAB.redirectUri,
      scopes,
      codeChallenge: await client.codeChallengeOf(verifier),
    });
    return client.exchangeCode(gitlab, app, { code: await approve(url), redirectUri: GITLAB.redirectUri, codeVerifier: verifier });
  }

  test("the authorize URL carries an S256 challenge, the space-separated scopes and the redirect_uri", async () => {
    const challenge = await client.codeChallengeOf("a".repeat(43));
    const url = client.authorizationUrl(gitlab, app, { state: "s1", redirectUri: GITLAB.redirectUri, scopes: ["read_user", "api"], codeChallenge: challenge });
    expect(`${url.origin}${url.pathname}`).toBe(`${gitlabFake.url}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: GITLAB.clientId,
      response_type: "code",
      state: "s1",
      redirect_uri: GITLAB.redirectUri,
      scope: "read_user api",
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
  });

  test("a code and its verifier give two-hour tokens with the requested scopes", async () => {
    const tokens = await connect();
    expect(tokens.tokenType).toBe("bearer");
    expect(secondsFromNow(tokens.expiresAt)).toBeGreaterThan(7100);
    expect(tokens.grantedScopes).toEqual(["read_user", "api"]);
    expect(tokens.refreshToken).not.toBeNull();
  });

  test("with openid the id_token is validated against GITLAB_BASE_URL as issuer", async () => {
    const tokens = await connect(["read_user", "openid"]);
    expect(tokens.grantedScopes).toEqual(["read_user", "openid"]);
  });

  test("a wrong or missing verifier is refused", async () => {
    const challenge = await client.codeChallengeOf(client.newCodeVerifier());
    const authorize = () =>
      client.authorizationUrl(gitlab, app, { state: "s1", redirectUri: GITLAB.redirectUri, scopes: ["read_user"], codeChallenge: challenge });
    const wrong = client.exchangeCode(gitlab, app, {
      code: await approve(authorize()),
      redirectUri: GITLAB.redirectUri,
      codeVerifier: client.newCodeVerifier(),
    });
    expect(await refusal(wrong)).toBe("invalid_grant");
    const missing = client.exchangeCode(gitlab, app, { code: await approve(authorize()), redirectUri: GITLAB.redirectUri });
    expect(await refusal(missing)).toBe("invalid_request");
  });

  test("refresh rotates both tokens; the old refresh token dies once the new access token is used", async () => {
    const tokens = await connect();
    const refreshed = await client.refresh(gitlab, app, tokens.refreshToken!);
    expect(refreshed.refreshToken!.reveal()).not.toBe(tokens.refreshToken!.reveal());
    expect(refreshed.accessToken.reveal()).not.toBe(tokens.accessToken.reveal());
    await client.readProfile(gitlab, refreshed.accessToken, refreshed.grantedScopes ?? []);
    expect(await refusal(client.refresh(gitlab, app, tokens.refreshToken!))).toBe("invalid_grant");
  });

  test("an app without token expiry answers no expires_in: the token never expires", async () => {
    gitlabFake.updateSettings({ accessTokenLifetimeSeconds: null });
    const tokens = await connect();
    expect(tokens.expiresAt).toBeNull();
  });

  test("the numeric account id is kept as text, with the profile's email", async () => {
    const tokens = await connect();
    const account = await client.readProfile(gitlab, tokens.accessToken, tokens.grantedScopes ?? []);
    expect(account).toMatchObject({ id: "1815", login: "ada", name: "Ada Lovelace" });
    expect(account.email).toContain("@");
  });

  test("revocation (RFC 7009) ends the token; a wrong secret is refused", async () => {
    const tokens = await connect();
    await expect(client.revoke(gitlab, credentials(GITLAB, "wrong"), tokens.accessToken)).rejects.toBeInstanceOf(client.RevocationRefused);
    expect(await client.revoke(gitlab, app, tokens.accessToken)).toBe(true);
    await expect(client.readProfile(gitlab, tokens.accessToken, [])).rejects.toBeInstanceOf(client.ProfileUnreadable);
  });

  test("Verify tells the right secret from a wrong one (the probe sends redirect_uri, which GitLab checks first)", async () => {
    expect(await client.checkClientCredentials(gitlab, app)).toBe("valid");
    expect(await client.checkClientCredentials(gitlab, credentials(GITLAB, "gloas-wrong"))).toBe("invalid");
  });
});

describe("GitHub", () => {
  const app = credentials(GITHUB);

  async function connect(scopes = ["repo", "user:email"], options: { account?: string; uncheck?: string[] } = {}) {
    const verifier = client.newCodeVerifier();
    const url = client.authorizationUrl(github, app, {
      state: "s1",
      redirectUri: GITHUB.redirectUri,
      scopes,
      codeChallenge: await client.codeChallengeOf(verifier),
    });
    return client.exchangeCode(github, app, { code: await approve(url, options), redirectUri: GITHUB.redirectUri, codeVerifier: verifier });
  }

  test("the authorize URL carries an S256 challenge, the space-separated scopes and the redirect_uri", async () => {
    const challenge = await client.codeChallengeOf("b".repeat(43));
    const url = client.authorizationUrl(github, app, {
      state: "s1",
      redirectUri: GITHUB.redirectUri,
      scopes: ["repo", "user:email"],
      codeChallenge: challenge,
    });
    expect(`${url.origin}${url.pathname}`).toBe(`${githubFake.url}/login/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: GITHUB.clientId,
      response_type: "code",
      state: "s1",
      redirect_uri: GITHUB.redirectUri,
      scope: "repo user:email",
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
  });

  test("a classic OAuth App token has no expiry and no refresh token; the comma-separated grant may be narrower", async () => {
    const tokens = await connect(["repo", "gist", "user:email"], { uncheck: ["repo"] });
    expect(tokens.accessToken.reveal()).toMatch(/^gho_/);
    expect(tokens.expiresAt).toBeNull();
    expect(tokens.refreshToken).toBeNull();
    expect(tokens.grantedScopes).toEqual(["gist", "user:email"]);
  });

  test("an app with expiring tokens gets expires_in and a refresh token that rotates; a used one is invalid_grant", async () => {
    githubFake.updateSettings({ expiringTokens: true });
    const tokens = await connect();
    expect(secondsFromNow(tokens.expiresAt)).toBeGreaterThan(28700);
    const refreshed = await client.refresh(github, app, tokens.refreshToken!);
    expect(refreshed.refreshToken!.reveal()).not.toBe(tokens.refreshToken!.reveal());
    expect(secondsFromNow(refreshed.expiresAt)).toBeGreaterThan(28700);
    expect(await refusal(client.refresh(github, app, tokens.refreshToken!))).toBe("invalid_grant");
  });

  test("errors answered as HTTP 200 are refusals under their OAuth names", async () => {
    const challenge = await client.codeChallengeOf(client.newCodeVerifier());
    const authorize = () => client.authorizationUrl(github, app, { state: "s1", redirectUri: GITHUB.redirectUri, scopes: ["repo"], codeChallenge: challenge });
    const wrongVerifier = client.exchangeCode(github, app, {
      code: await approve(authorize()),
      redirectUri: GITHUB.redirectUri,
      codeVerifier: client.newCodeVerifier(),
    });
    expect(await refusal(wrongVerifier)).toBe("invalid_grant");
    const missingVerifier = client.exchangeCode(github, app, { code: await approve(authorize()), redirectUri: GITHUB.redirectUri });
    expect(await refusal(missingVerifier)).toBe("invalid_grant");
    const wrongSecret = client.exchangeCode(github, credentials(GITHUB, "wrong"), { code: await approve(authorize()), redirectUri: GITHUB.redirectUri });
    expect(await refusal(wrongSecret)).toBe("invalid_client");
  });

  test("the numeric id is kept as text; the primary address comes from /user/emails; API calls carry a User-Agent", async () => {
    const tokens = await connect(["user:email"], { account: "grace" });
    const account = await client.readProfile(github, tokens.accessToken, tokens.grantedScopes ?? []);
    expect(account).toEqual({ id: "19061209", login: "grace", name: null, avatarUrl: expect.any(String), email: "grace@example.com" });
    expect(githubFake.lastApiRequest()?.headers["user-agent"]).toBe("Latchkey");
  });

  test("without user:email the public address is used", async () => {
    const tokens = await connect(["repo"], { account: "ada" });
    const account = await client.readProfile(github, tokens.accessToken, tokens.grantedScopes ?? []);
    expect(account).toMatchObject({ id: "18151210", login: "ada", email: "ada@example.com" });
  });

  test("revocation deletes the token, not the grant", async () => {
    const kept = await connect();
    const tokens = await connect();
    expect(await client.revoke(github, app, tokens.accessToken)).toBe(true);
    expect(githubFake.stats().revocations).toEqual({ token: 1, grant: 0 });
    await expect(client.readProfile(github, tokens.accessToken, [])).rejects.toBeInstanceOf(client.ProfileUnreadable);
    await expect(client.readProfile(github, kept.accessToken, [])).resolves.toMatchObject({ login: "ada" });
  });

  test("Verify tells the right secret from a wrong one (GitHub answers a wrong one with HTTP 200)", async () => {
    expect(await client.checkClientCredentials(github, app)).toBe("valid");
    expect(await client.checkClientCredentials(github, credentials(GITHUB, "wrong"))).toBe("invalid");
  });
});

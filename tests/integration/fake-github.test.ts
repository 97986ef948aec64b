import { request as httpRequest } from "node:http";
import { createHash } from "node:crypto";
import { describe, test, expect } from "vitest";
import { fakeGitHubControl } from "../fakes/github/control";
import { startFakeGitHub, type FakeApplication, type FakeGitHub, type FakeGitHubOptions } from "../fakes/github/server";
import { basicAuth, hiddenFields, submitAuthorizeForm, unescapeHtml, useStartedFake } from "../support/fake-providers";

const CALLBACK_URL = "http://localhost:3000/api/oauth/github/callback";
const APP: FakeApplication = {
  clientId: "Iv1.test-client",
  clientSecret: "test-secret",
  name: "Latchkey test",
  callbackUrl: CALLBACK_URL,
};
const UA = { "User-Agent": "latchkey-tests" };
const BAD_CREDENTIALS = {
  message: "Bad credentials",
  documentation_url: "https://docs.github.com/rest",
  status: "401",
};

/** Starts a fake for the enclosing describe block, with APP registered unless applications are given. */
function useFake(options: FakeGitHubOptions = {}): () => FakeGitHub {
  return useStartedFake("GitHub", () => startFakeGitHub({ applications: [APP], ...options }));
}

/** The hidden fields and the checked scope boxes, as the browser would post them. */
function formFields(html: string): [string, string][] {
  const checked = [...html.matchAll(/<input type="checkbox" id="[^"]*" name="grant_scope" value="([^"]+)" checked>/g)].map(
    ([, value = ""]): [string, string] => ["grant_scope", unescapeHtml(value)],
  );
  return [...hiddenFields(html), ...checked];
}

interface Authorization {
  params: Record<string, string>;
  decision?: "authorize" | "cancel";
  account?: string;
  /** Scopes the user unchecks before authorizing. */
  uncheck?: string[];
}

async function authorizeUrl(fake: FakeGitHub, params: Record<string, string>): Promise<Response> {
  return fetch(`${fake.url}/login/oauth/authorize?${new URLSearchParams(params)}`, { redirect: "manual" });
}

/** Loads the authorize page and submits its form as a browser would; returns where GitHub redirects. */
async function authorize(fake: FakeGitHub, { params, decision = "authorize", account, uncheck = [] }: Authorization): Promise<URL> {
  const page = await authorizeUrl(fake, params);
  expect(page.status).toBe(200);
  const html = await page.text();
  const fields = formFields(html).filter(([name, value]) => name !== "grant_scope" || !uncheck.includes(value));
  return submitAuthorizeForm(fake.url, html, { fields, decision, account });
}

async function authorizationCode(fake: FakeGitHub, params: Record<string, string> = {}, account?: string): Promise<string> {
  const callback = await authorize(fake, { params: { client_id: APP.clientId, ...params }, account });
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`no code in ${callback.href}`);
  return code;
}

interface TokenCall {
  params: Record<string, string>;
  /** JSON answers are asked for unless false: the default answer is form-encoded. */
  json?: boolean;
  headers?: Record<string, string>;
  /** Send the parameters as a JSON body (as octokit does) instead of a form. */
  jsonBody?: boolean;
}

async function tokenRequest(fake: FakeGitHub, { params, json = true, headers = {}, jsonBody = false }: TokenCall) {
  const response = await fetch(`${fake.url}/login/oauth/access_token`, {
    method: "POST",
    headers: {
      "Content-Type": jsonBody ? "application/json" : "application/x-www-form-urlencoded",
      ...(json ? { Accept: "application/json" } : {}),
      ...headers,
    },
    body: jsonBody ? JSON.stringify(params) : new URLSearchParams(params).toString(),
  });
  const text = await response.text();
  const contentType = response.headers.get("content-type") ?? "";
  const body: Record<string, any> = contentType.startsWith("application/json") ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
  return { status: response.status, contentType, text, body };
}

const clientParams = { client_id: APP.clientId, client_secret: APP.clientSecret };

async function exchangeCode(fake: FakeGitHub, code: string, extra: Record<string, string> = {}) {
  return tokenRequest(fake, { params: { ...clientParams, code, ...extra } });
}

async function refresh(fake: FakeGitHub, refreshToken: string) {
  return tokenRequest(fake, { params: { ...clientParams, grant_type: "refresh_token", refresh_token: refreshToken } });
}

async function api(fake: FakeGitHub, path: string, token?: string, init: RequestInit = {}) {
  const headers = new Headers({ ...UA, Accept: "application/vnd.github+json" });
  for (const [name, value] of new Headers(init.headers)) headers.set(name, value);
  if (token !== undefined) headers.set("Authorization", `Bearer ${token}`);
  const response = await fetch(`${fake.url}${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

async function revoke(fake: FakeGitHub, kind: "token" | "grant", accessToken: string, secret = APP.clientSecret, method = "DELETE") {
  const response = await fetch(`${fake.url}/applications/${APP.clientId}/${kind}`, {
    method,
    headers: { ...UA, Authorization: basicAuth(APP.clientId, secret), "Content-Type": "application/json" },
    body: JSON.stringify({ access_token: accessToken }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

describe("authorize page", () => {
  const fake = useFake({ applications: [APP, { ...APP, clientId: "suspended", suspended: true }] });

  test("an unknown client_id gets a 404 page, never a redirect", async () => {
    const response = await authorizeUrl(fake(), { client_id: "nobody", redirect_uri: CALLBACK_URL });
    expect(response.status).toBe(404);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  });

  test.each([
    ["another host", "https://evil.example/api/oauth/github/callback"],
    ["another port", "http://localhost:3001/api/oauth/github/callback"],
    ["a path outside the callback path", "http://localhost:3000/api/oauth/gitlab/callback"],
    ["a path that only shares a prefix", "http://localhost:3000/api/oauth/github/callbacks"],
    ["another scheme", "https://localhost:3000/api/oauth/github/callback"],
  ])("a redirect_uri on %s goes back to the registered callback with redirect_uri_mismatch", async (_, redirectUri) => {
    const response = await authorizeUrl(fake(), { client_id: APP.clientId, redirect_uri: redirectUri, state: "s1" });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK_URL);
    expect(location.searchParams.get("error")).toBe("redirect_uri_mismatch");
    expect(location.searchParams.get("error_description")).toBe("The redirect_uri MUST match the registered callback URL for this application.");
    expect(location.searchParams.get("error_uri")).toMatch(/^https:\/\/docs\.github\.com\//);
    expect(location.searchParams.get("state")).toBe("s1");
  });

  test("a redirect_uri below the callback path, or on a sub-domain, is honoured", async () => {
    const below = await authorize(fake(), {
      params: { client_id: APP.clientId, redirect_uri: `${CALLBACK_URL}/deeper?x=1` },
    });
    expect(below.pathname).toBe("/api/oauth/github/callback/deeper");
    expect(below.searchParams.get("x")).toBe("1");
    const sub = await authorize(fake(), {
      params: { client_id: APP.clientId, redirect_uri: "http://app.localhost:3000/api/oauth/github/callback" },
    });
    expect(sub.host).toBe("app.localhost:3000");
  });

  test("a loopback IP callback accepts any port, localhost does not", async () => {
    fake().addApplication({ ...APP, clientId: "native", callbackUrl: "http://127.0.0.1/cb" });
    const callback = await authorize(fake(), {
      params: { client_id: "native", redirect_uri: "http://127.0.0.1:1234/cb" },
    });
    expect(callback.port).toBe("1234");
    expect(callback.searchParams.has("code")).toBe(true);
    const localhost = await authorizeUrl(fake(), {
      client_id: APP.clientId,
      redirect_uri: "http://localhost:1234/api/oauth/github/callback",
    });
    expect(new URL(localhost.headers.get("location") ?? "").searchParams.get("error")).toBe("redirect_uri_mismatch");
  });

  test("names the app, offers the requested scopes checked, and the accounts (login preselects one)", async () => {
    const response = await authorizeUrl(fake(), { client_id: APP.clientId, scope: "repo read:user" });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain("<h1>Authorize Latchkey test</h1>");
    expect(html).toContain('name="grant_scope" value="repo" checked>');
    expect(html).toContain("Full control of private repositories (<code>repo</code>)");
    expect(html).toContain('<label for="account">Signed in as</label>');
    expect(html).toContain('<option value="ada" selected>Ada Lovelace (ada)</option>');
    expect(html).toContain('<option value="grace">grace</option>');
    const suggested = await authorizeUrl(fake(), { client_id: APP.clientId, login: "grace" });
    expect(await suggested.text()).toContain('<option value="grace" selected>grace</option>');
    expect(html).toContain(">Authorize</button>");
    expect(html).toContain(">Cancel</button>");
  });

  test("authorize redirects to the registered callback with a code and the exact state", async () => {
    const state = "a b&c=d/é+%";
    const callback = await authorize(fake(), { params: { client_id: APP.clientId, state } });
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK_URL);
    expect(callback.searchParams.get("code")).toMatch(/^[0-9a-f]{20}$/);
    expect(callback.searchParams.get("state")).toBe(state);
  });

  test("cancel redirects with access_denied, its description and the state", async () => {
    const callback = await authorize(fake(), { params: { client_id: APP.clientId, state: "s2" }, decision: "cancel" });
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("error_description")).toBe("The user has denied your application access.");
    expect(callback.searchParams.get("error_uri")).toMatch(/#access-denied$/);
    expect(callback.searchParams.get("state")).toBe("s2");
    expect(callback.searchParams.has("code")).toBe(false);
  });

  test("a suspended app redirects with application_suspended", async () => {
    const response = await authorizeUrl(fake(), { client_id: "suspended", state: "s3" });
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.searchParams.get("error")).toBe("application_suspended");
    expect(location.searchParams.get("state")).toBe("s3");
  });

  test.each([
    ["a plain PKCE method", { code_challenge: s256("v".repeat(43)), code_challenge_method: "plain" }],
    ["a missing PKCE method", { code_challenge: s256("v".repeat(43)) }],
    ["a challenge that is not 43 characters", { code_challenge: "short", code_challenge_method: "S256" }],
  ])("refuses %s with an error page", async (_, pkce) => {
    const response = await authorizeUrl(fake(), { client_id: APP.clientId, ...pkce });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  test("granted scopes are comma-separated with implied ones dropped", async () => {
    const code = await authorizationCode(fake(), { scope: "user gist user:email" });
    const { body } = await exchangeCode(fake(), code);
    expect(body.scope).toBe("user,gist");
  });

  test("a user who unchecks a scope grants less than requested", async () => {
    const callback = await authorize(fake(), {
      params: { client_id: APP.clientId, scope: "repo gist read:user" },
      uncheck: ["gist"],
    });
    const { body } = await exchangeCode(fake(), callback.searchParams.get("code") ?? "");
    expect(body.scope).toBe("repo,read:user");
  });

  test("without a scope parameter the scopes already granted are reused", async () => {
    fake().addUser({ login: "linus" });
    await exchangeCode(fake(), await authorizationCode(fake(), { scope: "read:org" }, "linus"));
    fake().setCurrentUser("linus");
    const { body } = await exchangeCode(fake(), await authorizationCode(fake(), {}, "linus"));
    expect(body.scope).toBe("read:org");
    fake().setCurrentUser("ada");
  });

  test("the account chosen in the form is the one that grants access", async () => {
    const { body: tokens } = await exchangeCode(fake(), await authorizationCode(fake(), {}, "grace"));
    const { body: user } = await api(fake(), "/user", tokens.access_token);
    expect(user.login).toBe("grace");
  });
});

describe("token endpoint: code exchange", () => {
  const fake = useFake({ applications: [APP, { ...APP, clientId: "other", clientSecret: "o" }] });

  test("answers form-encoded by default: a gho_ token, no expiry, no refresh token", async () => {
    const code = await authorizationCode(fake(), { scope: "repo" });
    const { status, contentType, body } = await tokenRequest(fake(), {
      params: { ...clientParams, code },
      json: false,
    });
    expect(status).toBe(200);
    expect(contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^gho_[A-Za-z0-9]{36}$/),
      scope: "repo",
      token_type: "bearer",
    });
  });

  test("answers JSON when asked, and takes a JSON body as octokit sends", async () => {
    const code = await authorizationCode(fake(), { scope: "repo gist" });
    const { contentType, body } = await tokenRequest(fake(), { params: { ...clientParams, code }, jsonBody: true });
    expect(contentType).toMatch(/^application\/json/);
    expect(body).toEqual({ access_token: expect.stringMatching(/^gho_/), scope: "repo,gist", token_type: "bearer" });
  });

  test("errors arrive as HTTP 200 with GitHub's names, form-encoded or JSON", async () => {
    const form = await tokenRequest(fake(), { params: { ...clientParams, code: "made-up" }, json: false });
    expect(form.status).toBe(200);
    expect(form.body).toEqual({
      error: "bad_verification_code",
      error_description: "The code passed is incorrect or expired.",
      error_uri: expect.stringMatching(/^https:\/\/docs\.github\.com\/.*#bad-verification-code$/),
    });
    const json = await exchangeCode(fake(), "made-up");
    expect(json.status).toBe(200);
    expect(json.body.error).toBe("bad_verification_code");
  });

  test("a made-up code tells a right secret (bad_verification_code) from a wrong one", async () => {
    const probe = { client_id: APP.clientId, code: "probe" };
    const right = await tokenRequest(fake(), { params: { ...probe, client_secret: APP.clientSecret } });
    expect(right).toMatchObject({ status: 200, body: { error: "bad_verification_code" } });
    const wrong = await tokenRequest(fake(), { params: { ...probe, client_secret: "wrong" } });
    expect(wrong).toMatchObject({ status: 200, body: { error: "incorrect_client_credentials" } });
  });

  test("a code works once", async () => {
    const code = await authorizationCode(fake());
    expect((await exchangeCode(fake(), code)).body.access_token).toMatch(/^gho_/);
    expect((await exchangeCode(fake(), code)).body.error).toBe("bad_verification_code");
  });

  test("a wrong secret, an unknown client or missing credentials is incorrect_client_credentials", async () => {
    const code = await authorizationCode(fake());
    const attempts: Record<string, string>[] = [
      { client_id: APP.clientId, client_secret: "wrong", code },
      { client_id: "nobody", client_secret: APP.clientSecret, code },
      { code },
    ];
    for (const params of attempts) {
      const { status, body } = await tokenRequest(fake(), { params });
      expect(status).toBe(200);
      expect(body.error).toBe("incorrect_client_credentials");
      expect(body.error_description).toBe("The client_id and/or client_secret passed are incorrect.");
    }
    expect((await exchangeCode(fake(), code)).body.access_token).toMatch(/^gho_/);
  });

  test("Basic client authentication is refused unless turned on", async () => {
    const code = await authorizationCode(fake());
    const basic = { Authorization: basicAuth(APP.clientId, APP.clientSecret) };
    expect((await tokenRequest(fake(), { params: { code }, headers: basic })).body.error).toBe("incorrect_client_credentials");
    fake().updateSettings({ acceptBasicClientAuth: true });
    expect((await tokenRequest(fake(), { params: { code }, headers: basic })).body.access_token).toMatch(/^gho_/);
    fake().updateSettings({ acceptBasicClientAuth: false });
  });

  test("a code is bound to the app it was issued to", async () => {
    const code = await authorizationCode(fake());
    const other = await tokenRequest(fake(), { params: { client_id: "other", client_secret: "o", code } });
    expect(other.body.error).toBe("bad_verification_code");
  });

  test("redirect_uri at exchange must be the one the code was issued for", async () => {
    const redirectUri = `${CALLBACK_URL}/connect`;
    const code = await authorizationCode(fake(), { redirect_uri: redirectUri });
    expect((await exchangeCode(fake(), code, { redirect_uri: CALLBACK_URL })).body.error).toBe("redirect_uri_mismatch");
    expect((await exchangeCode(fake(), code, { redirect_uri: "https://evil.example/cb" })).body.error).toBe("redirect_uri_mismatch");
    expect((await exchangeCode(fake(), code, { redirect_uri: redirectUri })).body.access_token).toMatch(/^gho_/);
  });

  test("with a PKCE challenge the exchange needs the matching verifier", async () => {
    const verifier = "a-verifier-that-is-long-enough-for-rfc-7636-rules";
    const code = await authorizationCode(fake(), { code_challenge: s256(verifier), code_challenge_method: "S256" });
    expect((await exchangeCode(fake(), code)).body.error).toBe("bad_verification_code");
    const wrong = await exchangeCode(fake(), code, { code_verifier: `${verifier}-wrong` });
    expect(wrong.body.error).toBe("bad_verification_code");
    expect(wrong.body.error_description).toMatch(/code_verifier/);
    expect((await exchangeCode(fake(), code, { code_verifier: verifier })).body.access_token).toMatch(/^gho_/);
  });

  test("an unknown grant type is refused", async () => {
    const { status, body } = await tokenRequest(fake(), { params: { ...clientParams, grant_type: "password" } });
    expect(status).toBe(200);
    expect(body.error).toBe("unsupported_grant_type");
  });

  test("a classic token has no refresh token to use: bad_refresh_token", async () => {
    const { body } = await refresh(fake(), "ghr_made-up");
    expect(body.error).toBe("bad_refresh_token");
  });

  test("an eleventh token for the same user, app and scopes revokes the oldest", async () => {
    const tokens = [];
    for (let i = 0; i < 11; i += 1) tokens.push(fake().issueTokensDirectly({ clientId: APP.clientId, login: "grace", scopes: ["gist"] }));
    expect((await api(fake(), "/user", tokens[0]?.accessToken)).status).toBe(401);
    expect((await api(fake(), "/user", tokens[1]?.accessToken)).status).toBe(200);
    expect((await api(fake(), "/user", tokens[10]?.accessToken)).status).toBe(200);
  });
});

describe("token endpoint: short-lived codes", () => {
  const fake = useFake({ authorizationCodeLifetimeSeconds: 0.05 });

  test("an expired code is a bad_verification_code", async () => {
    const code = await authorizationCode(fake());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await exchangeCode(fake(), code)).body.error).toBe("bad_verification_code");
  });
});

describe("token endpoint: expiring user tokens", () => {
  const fake = useFake({ expiringTokens: true });

  test("a code exchange returns ghu_, expires_in, a ghr_ refresh token and its lifetime", async () => {
    const code = await authorizationCode(fake(), { scope: "repo" });
    const { body } = await exchangeCode(fake(), code);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^ghu_[A-Za-z0-9]{36}$/),
      expires_in: 28800,
      refresh_token: expect.stringMatching(/^ghr_[A-Za-z0-9]{76}$/),
      refresh_token_expires_in: 15811200,
      scope: "repo",
      token_type: "bearer",
    });
  });

  test("refresh rotates: the used refresh token and the old access token stop working at once", async () => {
    const first = fake().issueTokensDirectly({ clientId: APP.clientId, login: "ada", scopes: ["repo"] });
    const { body } = await refresh(fake(), first.refreshToken ?? "");
    expect(body.access_token).toMatch(/^ghu_/);
    expect(body.refresh_token).not.toBe(first.refreshToken);
    expect(body.scope).toBe("repo");
    expect((await api(fake(), "/user", first.accessToken)).status).toBe(401);
    expect((await api(fake(), "/user", body.access_token)).status).toBe(200);
    expect((await refresh(fake(), first.refreshToken ?? "")).body.error).toBe("bad_refresh_token");
    expect((await refresh(fake(), body.refresh_token)).body.access_token).toMatch(/^ghu_/);
  });

  test("an expired access token gets 401 Bad credentials; refreshing brings a working one", async () => {
    const tokens = fake().issueTokensDirectly({ clientId: APP.clientId, login: "ada" });
    fake().expireAccessTokens();
    const expired = await api(fake(), "/user", tokens.accessToken);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(BAD_CREDENTIALS);
    const { body } = await refresh(fake(), tokens.refreshToken ?? "");
    expect((await api(fake(), "/user", body.access_token)).status).toBe(200);
  });

  test("an expired refresh token is a bad_refresh_token", async () => {
    fake().updateSettings({ refreshTokenLifetimeSeconds: 0 });
    const tokens = fake().issueTokensDirectly({ clientId: APP.clientId, login: "ada" });
    expect((await refresh(fake(), tokens.refreshToken ?? "")).body.error).toBe("bad_refresh_token");
    fake().reset();
  });
});

describe("REST API", () => {
  const fake = useFake();
  const tokenFor = (scopes: string[], login = "ada") => fake().issueTokensDirectly({ clientId: APP.clientId, login, scopes }).accessToken;

  test("a request without a User-Agent is refused with 403", async () => {
    const token = tokenFor(["user"]);
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL("/user", fake().url);
      const req = httpRequest(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(403);
    expect(body).toMatch(/User-Agent/);
  });

  test("GET /user: numeric id, login, nullable name and email, avatar", async () => {
    const ada = await api(fake(), "/user", tokenFor([]));
    expect(ada.status).toBe(200);
    expect(ada.body).toMatchObject({
      login: "ada",
      id: 18151210,
      name: "Ada Lovelace",
      email: "ada@example.com",
      type: "User",
    });
    const grace = await api(fake(), "/user", tokenFor([], "grace"));
    expect(grace.body).toMatchObject({ login: "grace", id: 19061209, name: null, email: null });
    const avatar = await fetch(grace.body.avatar_url);
    expect(avatar.status).toBe(200);
    expect(avatar.headers.get("content-type")).toBe("image/svg+xml");
  });

  test("every answer carries X-OAuth-Scopes, X-Accepted-OAuth-Scopes and x-ratelimit-* headers", async () => {
    fake().addUser({ login: "fresh" });
    const { headers } = await api(fake(), "/user/emails", tokenFor(["repo", "user"], "fresh"));
    expect(headers.get("x-oauth-scopes")).toBe("repo, user");
    expect(headers.get("x-accepted-oauth-scopes")).toBe("user, user:email");
    expect(headers.get("x-ratelimit-limit")).toBe("5000");
    expect(headers.get("x-ratelimit-remaining")).toBe("4999");
    expect(headers.get("x-ratelimit-used")).toBe("1");
    expect(Number(headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    expect(headers.get("x-ratelimit-resource")).toBe("core");
  });

  test("GET /user/emails is a top-level array, for user:email or user, else 404", async () => {
    const { status, body } = await api(fake(), "/user/emails", tokenFor(["user:email"], "grace"));
    expect(status).toBe(200);
    expect(body).toEqual([{ email: "grace@example.com", primary: true, verified: true, visibility: "private" }]);
    expect((await api(fake(), "/user/emails", tokenFor(["user"]))).status).toBe(200);
    const denied = await api(fake(), "/user/emails", tokenFor(["read:user"]));
    expect(denied.status).toBe(404);
    expect(denied.body.message).toBe("Not Found");
  });

  test("an unknown or revoked token is 401 Bad credentials; no token is Requires authentication", async () => {
    expect(await api(fake(), "/user", "gho_made-up")).toMatchObject({ status: 401, body: BAD_CREDENTIALS });
    const token = tokenFor([], "grace");
    fake().revokeGrant("grace", APP.clientId);
    expect(await api(fake(), "/user", token)).toMatchObject({ status: 401, body: BAD_CREDENTIALS });
    const none = await api(fake(), "/user");
    expect(none.status).toBe(401);
    expect(none.body.message).toBe("Requires authentication");
  });

  test("the older `token` authorization scheme works too", async () => {
    const response = await api(fake(), "/user", undefined, { headers: { Authorization: `token ${tokenFor([])}` } });
    expect(response.status).toBe(200);
  });

  test("GET /user/repos lists private repositories only with repo, paginated with a Link header", async () => {
    expect((await api(fake(), "/user/repos", tokenFor(["public_repo"]))).body.map((repo: any) => repo.name)).toEqual(["website"]);
    const token = tokenFor(["repo"]);
    const first = await api(fake(), "/user/repos?per_page=2&sort=updated", token);
    expect(first.body.map((repo: any) => repo.full_name)).toEqual(["ada/analytical-engine", "ada/notes"]);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("link") ?? "")?.[1] ?? "";
    expect(new URL(next).searchParams.get("sort")).toBe("updated");
    const second = await api(fake(), new URL(next).pathname + new URL(next).search, token);
    expect(second.body.map((repo: any) => repo.name)).toEqual(["website"]);
    expect(second.headers.get("link")).toMatch(/rel="prev"/);
    expect(second.headers.get("link")).not.toMatch(/rel="next"/);
  });

  test("GET /repos/{owner}/{repo} shows the caller's repositories, a private one only with repo", async () => {
    const { status, body } = await api(fake(), "/repos/ada/notes", tokenFor(["repo"]));
    expect(status).toBe(200);
    expect(body).toMatchObject({ full_name: "ada/notes", private: true, owner: { login: "ada" } });
    expect((await api(fake(), "/repos/ada/notes", tokenFor(["public_repo"]))).status).toBe(404);
    expect((await api(fake(), "/repos/ada/website", tokenFor([]))).body.private).toBe(false);
    expect((await api(fake(), "/repos/grace/notes", tokenFor(["repo"]))).status).toBe(404);
  });

  test("an ETag answered in If-None-Match gives 304, which costs no rate limit", async () => {
    const token = tokenFor(["repo"], "grace");
    const first = await api(fake(), "/user/repos", token);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await api(fake(), "/user/repos", token, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect(again.headers.get("x-ratelimit-used")).toBe(first.headers.get("x-ratelimit-used"));
  });

  test("POST /gists echoes the JSON body and content type, needs gist, refuses bad JSON", async () => {
    const init = {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ description: "hi", public: false }),
    };
    const created = await api(fake(), "/gists", tokenFor(["gist"]), init);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ description: "hi", public: false, received_content_type: "application/json" });
    expect((await api(fake(), "/gists", tokenFor(["repo"]), init)).status).toBe(404);
    expect((await api(fake(), "/gists", tokenFor(["gist"]), { ...init, body: "{" })).status).toBe(400);
  });

  test("unknown paths are 404 in GitHub's error shape", async () => {
    const { status, body } = await api(fake(), "/nothing/here", tokenFor([]));
    expect(status).toBe(404);
    expect(body).toEqual({ message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });
  });

  test("over the hourly limit: 403 (or 429) with remaining 0", async () => {
    fake().addUser({ login: "busy" });
    fake().updateSettings({ rateLimitPerHour: 2 });
    const token = tokenFor([], "busy");
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await api(fake(), "/user", token)).status);
    expect(statuses).toEqual([200, 200, 403]);
    const limited = await api(fake(), "/user", token);
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(limited.body.message).toMatch(/^API rate limit exceeded for user ID \d+\.$/);
    fake().updateSettings({ rateLimitStatus: 429 });
    expect((await api(fake(), "/user", token)).status).toBe(429);
    fake().reset();
  });
});

describe("revocation through the OAuth Apps API", () => {
  const fake = useFake();
  const issue = () => fake().issueTokensDirectly({ clientId: APP.clientId, login: "ada", scopes: ["repo"] });

  test("DELETE /token revokes that token only: 204", async () => {
    const [revoked, kept] = [issue(), issue()];
    expect(await revoke(fake(), "token", revoked.accessToken)).toEqual({ status: 204, body: null });
    expect((await api(fake(), "/user", revoked.accessToken)).status).toBe(401);
    expect((await api(fake(), "/user", kept.accessToken)).status).toBe(200);
  });

  test("DELETE /grant revokes every token of that user for the app", async () => {
    const [one, two] = [issue(), issue()];
    expect((await revoke(fake(), "grant", one.accessToken)).status).toBe(204);
    expect((await api(fake(), "/user", one.accessToken)).status).toBe(401);
    expect((await api(fake(), "/user", two.accessToken)).status).toBe(401);
  });

  test("POST /token checks a token: 200 with its scopes, 404 once revoked", async () => {
    const { accessToken } = issue();
    const checked = await revoke(fake(), "token", accessToken, APP.clientSecret, "POST");
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ token: accessToken, scopes: ["repo"], user: { login: "ada" } });
    await revoke(fake(), "token", accessToken);
    expect((await revoke(fake(), "token", accessToken, APP.clientSecret, "POST")).status).toBe(404);
  });

  test("wrong app credentials and unknown tokens are 404; a missing token is 422", async () => {
    const { accessToken } = issue();
    expect((await revoke(fake(), "token", accessToken, "wrong")).status).toBe(404);
    expect((await api(fake(), "/user", accessToken)).status).toBe(200);
    expect((await revoke(fake(), "token", "gho_made-up")).status).toBe(404);
    const missing = await fetch(`${fake().url}/applications/${APP.clientId}/token`, {
      method: "DELETE",
      headers: { ...UA, Authorization: basicAuth(APP.clientId, APP.clientSecret), "Content-Type": "application/json" },
      body: "{}",
    });
    expect(missing.status).toBe(422);
  });

  test("the revoke target injects failures, and revocations are counted", async () => {
    fake().resetStats();
    const { accessToken } = issue();
    fake().failNext("revoke", { status: 502, body: "<html>Bad gateway</html>" });
    expect((await revoke(fake(), "token", accessToken).catch(() => ({ status: 502 }))).status).toBe(502);
    expect((await api(fake(), "/user", accessToken)).status).toBe(200);
    await revoke(fake(), "token", accessToken);
    await revoke(fake(), "grant", accessToken);
    expect(fake().stats().revocations).toEqual({ token: 2, grant: 1 });
  });
});

describe("failure injection and stats", () => {
  const fake = useFake({ expiringTokens: true });

  test("failNext answers the next token requests with the injected response", async () => {
    fake().failNext("token", { status: 503, body: { message: "unavailable" }, times: 2 });
    const { refreshToken } = fake().issueTokensDirectly({ clientId: APP.clientId, login: "ada" });
    const first = await refresh(fake(), refreshToken ?? "");
    expect(first.status).toBe(503);
    expect(first.body).toEqual({ message: "unavailable" });
    expect((await refresh(fake(), refreshToken ?? "")).status).toBe(503);
    expect((await refresh(fake(), refreshToken ?? "")).body.access_token).toMatch(/^ghu_/);
  });

  test("the user target fails identity lookups only; api fails any REST call", async () => {
    const { accessToken } = fake().issueTokensDirectly({ clientId: APP.clientId, login: "ada" });
    fake().failNext("user", { status: 500 });
    expect((await api(fake(), "/user/repos", accessToken)).status).toBe(200);
    const failed = await api(fake(), "/user", accessToken);
    expect(failed.status).toBe(500);
    expect(failed.body.message).toBe("Injected failure");
    fake().failNext("api", { status: 502, body: "<html>Bad gateway</html>" });
    const response = await fetch(`${fake().url}/user/repos`, { headers: UA });
    expect(response.status).toBe(502);
    expect(await response.text()).toBe("<html>Bad gateway</html>");
  });

  test("delayNext outlasts a client timeout, then the server is quick again", async () => {
    fake().delayNext("token", 500);
    const request = () =>
      fetch(`${fake().url}/login/oauth/access_token`, {
        method: "POST",
        headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...clientParams, code: "x" }),
        signal: AbortSignal.timeout(100),
      });
    await expect(request()).rejects.toThrow();
    expect((await request()).status).toBe(200);
  });

  test("clearFailures drops pending injections", async () => {
    fake().failNext("api", { status: 500 });
    fake().delayNext("api", 10_000);
    fake().clearFailures();
    const { accessToken } = fake().issueTokensDirectly({ clientId: APP.clientId, login: "ada" });
    expect((await api(fake(), "/user", accessToken)).status).toBe(200);
  });

  test("revokeGrant kills that user's tokens for that app only", async () => {
    const ada = fake().issueTokensDirectly({ clientId: APP.clientId, login: "ada" });
    const grace = fake().issueTokensDirectly({ clientId: APP.clientId, login: "grace" });
    fake().revokeGrant("ada", APP.clientId);
    expect((await refresh(fake(), ada.refreshToken ?? "")).body.error).toBe("bad_refresh_token");
    expect((await api(fake(), "/user", ada.accessToken)).status).toBe(401);
    expect((await api(fake(), "/user", grace.accessToken)).status).toBe(200);
  });

  test("stats count every token request and REST call; lastApiRequest shows what was sent", async () => {
    fake().resetStats();
    const code = await authorizationCode(fake());
    const { body } = await exchangeCode(fake(), code);
    await exchangeCode(fake(), code);
    await refresh(fake(), body.refresh_token);
    await tokenRequest(fake(), { params: { ...clientParams, grant_type: "password" } });
    await api(fake(), "/user?x=1", body.access_token);
    await api(fake(), "/user");
    expect(fake().stats()).toEqual({
      tokenRequests: { authorization_code: 2, refresh_token: 1, total: 4 },
      apiRequests: 2,
      revocations: { token: 0, grant: 0 },
    });
    expect(fake().lastApiRequest()).toMatchObject({
      method: "GET",
      path: "/user",
      headers: { "user-agent": "latchkey-tests" },
    });
    fake().resetStats();
    expect(fake().stats().tokenRequests.total).toBe(0);
  });
});

describe("control API", () => {
  const fake = useFake();

  test("drives the fake over HTTP", async () => {
    const control = fakeGitHubControl(fake().url);
    await control.addApplication({ clientId: "remote", clientSecret: "r", callbackUrl: CALLBACK_URL });
    const linus = await control.addUser({ login: "linus", name: "Linus Torvalds" });
    expect(linus.id).toEqual(expect.any(Number));
    await control.setCurrentUser("linus");
    const page = await fetch(`${fake().url}/login/oauth/authorize?client_id=remote`);
    expect(await page.text()).toContain('<option value="linus" selected>');

    await control.updateSettings({ expiringTokens: true });
    const tokens = await control.issueTokensDirectly({
      clientId: "remote",
      login: "linus",
      scopes: ["user", "user:email"],
    });
    expect(tokens.scopes).toEqual(["user"]);
    expect((await api(fake(), "/user", tokens.accessToken)).body.login).toBe("linus");
    expect((await control.lastApiRequest())?.headers.authorization).toBe(`Bearer ${tokens.accessToken}`);

    await control.failNext("user", { status: 500, body: { boom: true } });
    expect((await api(fake(), "/user", tokens.accessToken)).body).toEqual({ boom: true });
    await control.delayNext("api", 1);
    await control.clearFailures();
    await control.expireAccessTokens();
    expect((await api(fake(), "/user", tokens.accessToken)).status).toBe(401);
    await control.revokeGrant("linus", "remote");
    const refreshed = await tokenRequest(fake(), {
      params: {
        client_id: "remote",
        client_secret: "r",
        grant_type: "refresh_token",
        refresh_token: tokens.refreshToken ?? "",
      },
    });
    expect(refreshed.body.error).toBe("bad_refresh_token");
    expect((await control.stats()).tokenRequests.refresh_token).toBe(1);
    await control.resetStats();
    expect((await control.stats()).apiRequests).toBe(0);

    await control.reset();
    await expect(control.issueTokensDirectly({ clientId: "remote", login: "linus" })).rejects.toThrow(/Unknown application remote/);
  });

  test("rejects invalid payloads with a readable error", async () => {
    const control = fakeGitHubControl(fake().url);
    await expect(control.updateSettings({ rateLimitStatus: 500 as 403 })).rejects.toThrow(/400/);
    await expect(control.setCurrentUser("nobody")).rejects.toThrow(/Unknown user nobody/);
  });
});

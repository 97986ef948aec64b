import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from "node:crypto";
import { describe, test, expect } from "vitest";
import { fakeGitLabControl } from "../fakes/gitlab/control";
import { startFakeGitLab, type FakeGitLab, type FakeGitLabApplication, type FakeGitLabOptions } from "../fakes/gitlab/server";
import { basicAuth, hiddenFields, submitAuthorizeForm, useStartedFake } from "../support/fake-providers";

const REDIRECT_URI = "http://localhost:3000/api/oauth/gitlab/callback";
const APP: FakeGitLabApplication = {
  applicationId: "app-1",
  secret: "gloas-secret-1",
  name: "Latchkey test",
  redirectUris: [REDIRECT_URI, "http://127.0.0.1:3000/api/oauth/gitlab/callback"],
  scopes: ["api", "read_api", "read_user", "openid", "profile", "email"],
};
const OTHER_APP: FakeGitLabApplication = {
  applicationId: "app-2",
  secret: "gloas-secret-2",
  redirectUris: ["http://localhost:4000/cb"],
  scopes: ["read_user"],
};
const EXPIRED_BODY = {
  error: "invalid_token",
  error_description: "Token is expired. You can either do re-authorization or token refresh.",
};
const REVOKED_BODY = {
  error: "invalid_token",
  error_description: "Token was revoked. You have to re-authorize from the user.",
};
const HEX_64 = /^[0-9a-f]{64}$/;

/** Starts a fake for the enclosing describe block, with APP and OTHER_APP registered unless applications are given. */
function useFake(options: FakeGitLabOptions = {}): () => FakeGitLab {
  return useStartedFake("GitLab", () => startFakeGitLab({ applications: [APP, OTHER_APP], ...options }));
}

const appAuth = basicAuth(APP.applicationId, APP.secret);

function authorizeUrl(fake: FakeGitLab, params: Record<string, string>): string {
  return `${fake.url}/oauth/authorize?${new URLSearchParams(params)}`;
}

function authorizeParams(extra: Record<string, string> = {}): Record<string, string> {
  return { client_id: APP.applicationId, redirect_uri: REDIRECT_URI, response_type: "code", scope: "read_user", ...extra };
}

interface Authorization {
  params: Record<string, string>;
  decision?: "authorize" | "deny";
  account?: string;
}

/** Loads the authorize page and submits its form as a browser would; returns where GitLab redirects. */
async function authorize(fake: FakeGitLab, { params, decision = "authorize", account }: Authorization): Promise<URL> {
  const page = await fetch(authorizeUrl(fake, params));
  expect(page.status).toBe(200);
  const html = await page.text();
  return submitAuthorizeForm(fake.url, html, { fields: hiddenFields(html), decision, account });
}

/** The redirect GitLab answers to GET /oauth/authorize directly (errors it can redirect, trusted apps). */
async function authorizeRedirect(fake: FakeGitLab, params: Record<string, string>): Promise<URL> {
  const response = await fetch(authorizeUrl(fake, params), { redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") ?? "");
}

async function authorizationCode(fake: FakeGitLab, extra: Record<string, string> = {}, account?: string) {
  const callback = await authorize(fake, { params: authorizeParams(extra), account });
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`no code in ${callback.href}`);
  return code;
}

interface TokenCall {
  form: Record<string, string>;
  /** Null: no Authorization header. */
  authorization?: string | null;
  path?: string;
}

async function post(fake: FakeGitLab, { form, authorization, path = "/oauth/token" }: TokenCall) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (authorization) headers.Authorization = authorization;
  const response = await fetch(`${fake.url}${path}`, { method: "POST", headers, body: new URLSearchParams(form) });
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function exchange(fake: FakeGitLab, code: string, extra: Record<string, string> = {}, authorization: string | null = appAuth) {
  const form = { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, ...extra };
  return post(fake, { form, authorization });
}

function refresh(fake: FakeGitLab, refreshToken: string, extra: Record<string, string> = {}, authorization: string | null = appAuth) {
  return post(fake, { form: { grant_type: "refresh_token", refresh_token: refreshToken, ...extra }, authorization });
}

function revoke(fake: FakeGitLab, token: string, authorization: string | null = appAuth) {
  return post(fake, { path: "/oauth/revoke", form: { token }, authorization });
}

async function api(fake: FakeGitLab, path: string, token?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set("Authorization", `Bearer ${token}`);
  const response = await fetch(`${fake.url}${path}`, { ...init, headers });
  const text = await response.text();
  const isJson = response.headers.get("content-type")?.startsWith("application/json");
  return { status: response.status, headers: response.headers, body: isJson ? JSON.parse(text) : text };
}

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

describe("authorize page", () => {
  const fake = useFake();

  test.each([
    ["no client_id", { redirect_uri: REDIRECT_URI, response_type: "code" }, "Missing required parameter: client_id."],
    ["an unknown client_id", { client_id: "nobody", redirect_uri: REDIRECT_URI, response_type: "code" }, "Client authentication failed"],
    ["no redirect_uri", { client_id: APP.applicationId, response_type: "code" }, "The redirect URI included is not valid."],
    [
      "a redirect_uri only starting with a registered one",
      { client_id: APP.applicationId, redirect_uri: `${REDIRECT_URI}/more`, response_type: "code" },
      "The redirect URI included is not valid.",
    ],
    [
      "another application's redirect_uri",
      { client_id: APP.applicationId, redirect_uri: "http://localhost:4000/cb", response_type: "code" },
      "The redirect URI included is not valid.",
    ],
  ])("shows an HTML error page, never a redirect, for %s", async (_, params, message) => {
    const response = await fetch(authorizeUrl(fake(), params), { redirect: "manual" });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain("An error has occurred");
    expect(html).toContain(message);
  });

  test("names the application, lists the requested scopes and offers the accounts", async () => {
    const response = await fetch(authorizeUrl(fake(), authorizeParams({ scope: "read_user api" })));
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain("<h1>Authorize Latchkey test to use your account?</h1>");
    expect(html).toContain("<code>read_user</code> Grants read-only access to your profile");
    expect(html).toContain("<code>api</code> Grants complete read/write access to the API");
    expect(html).not.toContain("<code>openid</code>");
    expect(html).toContain('<label for="account">Signed in as</label>');
    expect(html).toContain('<option value="ada" selected>Ada Lovelace (@ada)</option>');
    expect(html).toContain(">Authorize</button>");
    expect(html).toContain(">Deny</button>");
  });

  test("authorize redirects to the redirect_uri with a code and the exact state", async () => {
    const state = "a b&c=d/é+%";
    const callback = await authorize(fake(), { params: authorizeParams({ state }) });
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get("code")).toMatch(HEX_64);
    expect(callback.searchParams.get("state")).toBe(state);
  });

  test("deny redirects with access_denied, a description and the state", async () => {
    const callback = await authorize(fake(), { params: authorizeParams({ state: "s1" }), decision: "deny" });
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("error_description")).toBe("The resource owner or authorization server denied the request.");
    expect(callback.searchParams.get("state")).toBe("s1");
    expect(callback.searchParams.has("code")).toBe(false);
  });

  test("a query on the redirect_uri is kept, and a loopback IP may use another port (Doorkeeper's URI checker)", async () => {
    const withQuery = await authorize(fake(), { params: authorizeParams({ redirect_uri: `${REDIRECT_URI}?flow=x` }) });
    expect(withQuery.searchParams.get("flow")).toBe("x");
    expect(withQuery.searchParams.has("code")).toBe(true);
    const loopback = "http://127.0.0.1:51234/api/oauth/gitlab/callback";
    const callback = await authorize(fake(), { params: authorizeParams({ redirect_uri: loopback }) });
    expect(callback.origin).toBe("http://127.0.0.1:51234");
    const response = await fetch(authorizeUrl(fake(), authorizeParams({ redirect_uri: "http://localhost:3001/api/oauth/gitlab/callback" })), {
      redirect: "manual",
    });
    expect(response.status).toBe(400);
  });

  test.each([
    ["a scope the application lacks", { scope: "read_user sudo" }, "invalid_scope"],
    ["an unknown scope", { scope: "read_everything" }, "invalid_scope"],
    ["no response_type", { response_type: "" }, "invalid_request"],
    ["response_type=token", { response_type: "token" }, "unsupported_response_type"],
    ["a code_challenge without method", { code_challenge: "abc" }, "invalid_code_challenge_method"],
    ["a code_challenge_method other than plain or S256", { code_challenge: "abc", code_challenge_method: "S512" }, "invalid_code_challenge_method"],
  ])("redirects back with an error for %s", async (_, extra, error) => {
    const callback = await authorizeRedirect(fake(), authorizeParams({ state: "st", ...extra }));
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get("error")).toBe(error);
    expect(callback.searchParams.get("error_description")).toBeTruthy();
    expect(callback.searchParams.get("state")).toBe("st");
  });

  test("without scope the server default `api` is asked for", async () => {
    const readUserOnly = await authorizeRedirect(fake(), {
      client_id: OTHER_APP.applicationId,
      redirect_uri: OTHER_APP.redirectUris[0]!,
      response_type: "code",
    });
    expect(readUserOnly.searchParams.get("error")).toBe("invalid_scope");
    const { scope: _, ...withoutScope } = authorizeParams();
    const { body } = await exchange(fake(), (await authorize(fake(), { params: withoutScope })).searchParams.get("code")!);
    expect(body.scope).toBe("api");
  });

  test("the account chosen in the form is the one that grants access", async () => {
    const { body: tokens } = await exchange(fake(), await authorizationCode(fake(), {}, "grace"));
    const { body: user } = await api(fake(), "/api/v4/user", tokens.access_token);
    expect(user.username).toBe("grace");
  });
});

describe("authorize: trusted applications", () => {
  const fake = useFake({ applications: [{ ...APP, trusted: true }] });

  test("skip the consent page and redirect with a code for the signed-in user", async () => {
    const callback = await authorizeRedirect(fake(), authorizeParams({ state: "t" }));
    expect(callback.searchParams.get("code")).toMatch(HEX_64);
    expect(callback.searchParams.get("state")).toBe("t");
  });
});

describe("token endpoint: authorization code", () => {
  const fake = useFake();

  test("exchanges a code with Basic client authentication for GitLab's token response", async () => {
    const code = await authorizationCode(fake(), { scope: "read_user api" });
    const before = Math.floor(Date.now() / 1000);
    const { status, headers, body } = await exchange(fake(), code);
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toContain("no-store");
    expect(Object.keys(body)).toEqual(["access_token", "token_type", "expires_in", "refresh_token", "scope", "created_at"]);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 7200, scope: "read_user api" });
    expect(body.access_token).toMatch(HEX_64);
    expect(body.refresh_token).toMatch(HEX_64);
    expect(body.created_at).toBeGreaterThanOrEqual(before);
    expect(body.created_at).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
  });

  test("accepts client credentials in the body too", async () => {
    const code = await authorizationCode(fake());
    const { status } = await exchange(fake(), code, { client_id: APP.applicationId, client_secret: APP.secret }, null);
    expect(status).toBe(200);
  });

  test("a code works once", async () => {
    const code = await authorizationCode(fake());
    expect((await exchange(fake(), code)).status).toBe(200);
    expect(await exchange(fake(), code)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  test("redirect_uri is checked before the secret, so a probe tells a wrong secret from a right one", async () => {
    const noRedirect = await post(fake(), {
      form: { grant_type: "authorization_code", code: "bogus" },
      authorization: basicAuth(APP.applicationId, "wrong"),
    });
    expect(noRedirect).toMatchObject({
      status: 400,
      body: { error: "invalid_request", error_description: "Missing required parameter: redirect_uri." },
    });
    const wrong = await exchange(fake(), "bogus", {}, basicAuth(APP.applicationId, "wrong"));
    expect(wrong).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer .*error="invalid_client"/);
    expect(await exchange(fake(), "bogus")).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  test("no client authentication at all is invalid_client", async () => {
    const code = await authorizationCode(fake());
    expect(await exchange(fake(), code, {}, null)).toMatchObject({ status: 401, body: { error: "invalid_client" } });
  });

  test("a redirect_uri other than the authorize request's is invalid_grant", async () => {
    const code = await authorizationCode(fake());
    const other = "http://127.0.0.1:3000/api/oauth/gitlab/callback";
    expect(await exchange(fake(), code, { redirect_uri: other })).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  test("a code is bound to the application it was issued to", async () => {
    const code = await authorizationCode(fake());
    const result = await exchange(fake(), code, { redirect_uri: OTHER_APP.redirectUris[0]! }, basicAuth(OTHER_APP.applicationId, OTHER_APP.secret));
    expect(result).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect((await exchange(fake(), code)).status).toBe(200);
  });

  test("PKCE S256: the right verifier works, a missing one is invalid_request, a wrong one invalid_grant", async () => {
    const { verifier, challenge } = pkcePair();
    const pkce = { code_challenge: challenge, code_challenge_method: "S256" };
    const missing = await exchange(fake(), await authorizationCode(fake(), pkce));
    expect(missing).toMatchObject({
      status: 400,
      body: { error: "invalid_request", error_description: "Missing required parameter: code_verifier." },
    });
    const wrong = await exchange(fake(), await authorizationCode(fake(), pkce), { code_verifier: pkcePair().verifier });
    expect(wrong).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    const plainVerifierAsChallenge = await exchange(fake(), await authorizationCode(fake(), pkce), { code_verifier: challenge });
    expect(plainVerifierAsChallenge.body.error).toBe("invalid_grant");
    const right = await exchange(fake(), await authorizationCode(fake(), pkce), { code_verifier: verifier });
    expect(right.status).toBe(200);
  });

  test("PKCE plain compares the verifier itself", async () => {
    const { verifier } = pkcePair();
    const code = await authorizationCode(fake(), { code_challenge: verifier, code_challenge_method: "plain" });
    expect((await exchange(fake(), code, { code_verifier: verifier })).status).toBe(200);
  });

  test("a verifier for a code requested without a challenge is refused", async () => {
    const code = await authorizationCode(fake());
    expect(await exchange(fake(), code, { code_verifier: pkcePair().verifier })).toMatchObject({
      status: 400,
      body: { error: "invalid_grant" },
    });
  });

  test("rejects unknown or missing grant types", async () => {
    const password = await post(fake(), { form: { grant_type: "password" }, authorization: appAuth });
    expect(password).toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } });
    const none = await post(fake(), { form: {}, authorization: appAuth });
    expect(none).toMatchObject({ status: 400, body: { error: "invalid_request" } });
  });

  test("accepts a JSON body, as Rails does", async () => {
    const code = await authorizationCode(fake());
    const response = await fetch(`${fake().url}/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: appAuth },
      body: JSON.stringify({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI }),
    });
    expect(response.status).toBe(200);
  });
});

describe("OpenID Connect", () => {
  const fake = useFake();

  function decodePart(part: string | undefined): Record<string, unknown> {
    return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
  }

  test("with openid the code exchange adds an RS256 id_token from the GitLab base URL, verifiable with its keys", async () => {
    const code = await authorizationCode(fake(), { scope: "openid profile email read_user", nonce: "n-0S6" });
    const { body } = await exchange(fake(), code);
    const [header, payload, signature] = body.id_token.split(".");
    const { keys } = (await (await fetch(`${fake().url}/oauth/discovery/keys`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
    const jwk = keys.find((key) => key.kid === decodePart(header).kid);
    expect(decodePart(header)).toMatchObject({ alg: "RS256", typ: "JWT" });
    const publicKey = createPublicKey({ key: jwk!, format: "jwk" });
    expect(verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, "base64url"))).toBe(true);
    const claims = decodePart(payload);
    expect(claims).toMatchObject({
      iss: fake().url,
      sub: "1815",
      aud: APP.applicationId,
      nonce: "n-0S6",
      nickname: "ada",
      preferred_username: "ada",
      email: "ada@example.com",
      email_verified: true,
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(120);
    const discovery = await (await fetch(`${fake().url}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({ issuer: fake().url, jwks_uri: `${fake().url}/oauth/discovery/keys` });
  });

  test("without openid, and on refresh, there is no id_token", async () => {
    const { body } = await exchange(fake(), await authorizationCode(fake()));
    expect(body).not.toHaveProperty("id_token");
    const withOpenid = await exchange(fake(), await authorizationCode(fake(), { scope: "openid read_user" }));
    expect(decodePart(withOpenid.body.id_token.split(".")[1])).not.toHaveProperty("nonce");
    expect((await refresh(fake(), withOpenid.body.refresh_token)).body).not.toHaveProperty("id_token");
  });
});

describe("token endpoint: applications and settings", () => {
  const publicApp: FakeGitLabApplication = { ...APP, applicationId: "public", confidential: false };
  const fake = useFake({ applications: [APP, publicApp], authorizationCodeLifetimeSeconds: 0, accessTokenLifetimeSeconds: null });

  test("an expired code is invalid_grant", async () => {
    const code = await authorizationCode(fake());
    expect(await exchange(fake(), code)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  test("a non-confidential application may leave its secret out", async () => {
    const { refreshToken } = fake().issueTokensDirectly({ applicationId: "public", username: "ada" });
    const result = await refresh(fake(), refreshToken, { client_id: "public" }, null);
    expect(result.status).toBe(200);
  });

  test("tokens of an application without expiry have no expires_in and never expire", async () => {
    const { refreshToken, expiresIn } = fake().issueTokensDirectly({ applicationId: APP.applicationId, username: "ada" });
    expect(expiresIn).toBeNull();
    const { body } = await refresh(fake(), refreshToken);
    expect(body).not.toHaveProperty("expires_in");
    expect((await api(fake(), "/api/v4/user", body.access_token)).status).toBe(200);
  });
});

describe("token endpoint: refresh", () => {
  const fake = useFake();
  const issue = (username = "ada") => fake().issueTokensDirectly({ applicationId: APP.applicationId, username });

  test("rotates both tokens; the new access token works", async () => {
    const tokens = issue();
    const { status, body } = await refresh(fake(), tokens.refreshToken);
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 7200, scope: APP.scopes.join(" ") });
    expect(body.access_token).not.toBe(tokens.accessToken);
    expect(body.refresh_token).not.toBe(tokens.refreshToken);
    expect(body.refresh_token).toMatch(HEX_64);
    expect((await api(fake(), "/api/v4/user", body.access_token)).status).toBe(200);
  });

  test("the previous pair stays valid until the new access token is first used", async () => {
    const tokens = issue();
    const first = await refresh(fake(), tokens.refreshToken);
    // A retry with the old refresh token (a lost response) still works, and so does the old access token.
    const retry = await refresh(fake(), tokens.refreshToken);
    expect(retry.status).toBe(200);
    expect((await api(fake(), "/api/v4/user", tokens.accessToken)).status).toBe(200);
    expect((await api(fake(), "/api/v4/user", retry.body.access_token)).status).toBe(200);
    expect(await refresh(fake(), tokens.refreshToken)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(await api(fake(), "/api/v4/user", tokens.accessToken)).toMatchObject({ status: 401, body: REVOKED_BODY });
    expect((await refresh(fake(), first.body.refresh_token)).status).toBe(200);
  });

  test("using the new token at /oauth/token/info also ends the previous pair", async () => {
    const tokens = issue();
    const { body } = await refresh(fake(), tokens.refreshToken);
    const info = await fetch(`${fake().url}/oauth/token/info?access_token=${body.access_token}`);
    expect(info.status).toBe(200);
    expect((await refresh(fake(), tokens.refreshToken)).body.error).toBe("invalid_grant");
  });

  test("a refresh token still works after its access token expired", async () => {
    const tokens = issue();
    fake().expireAccessTokens();
    expect(await api(fake(), "/api/v4/user", tokens.accessToken)).toMatchObject({ status: 401, body: EXPIRED_BODY });
    expect((await refresh(fake(), tokens.refreshToken)).status).toBe(200);
  });

  test("scope may narrow the grant but not widen it", async () => {
    const narrow = await refresh(fake(), issue().refreshToken, { scope: "read_user" });
    expect(narrow.body.scope).toBe("read_user");
    expect((await api(fake(), "/api/v4/projects", narrow.body.access_token)).status).toBe(403);
    const wider = await refresh(fake(), narrow.body.refresh_token, { scope: "read_user api" });
    expect(wider).toMatchObject({ status: 400, body: { error: "invalid_scope" } });
  });

  test("missing, unknown, foreign and wrongly authenticated refreshes are refused", async () => {
    const tokens = issue();
    expect(await post(fake(), { form: { grant_type: "refresh_token" }, authorization: appAuth })).toMatchObject({
      status: 400,
      body: { error: "invalid_request" },
    });
    expect(await refresh(fake(), "f".repeat(64))).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    const otherApp = basicAuth(OTHER_APP.applicationId, OTHER_APP.secret);
    expect(await refresh(fake(), tokens.refreshToken, {}, otherApp)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    const wrongSecret = basicAuth(APP.applicationId, "wrong");
    expect(await refresh(fake(), tokens.refreshToken, {}, wrongSecret)).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(await refresh(fake(), tokens.refreshToken, {}, null)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect((await refresh(fake(), tokens.refreshToken)).status).toBe(200);
  });
});

describe("token endpoint: refresh without the previous-token grace", () => {
  const fake = useFake({ keepPreviousRefreshToken: false });

  test("a used refresh token and its access token die at once", async () => {
    const tokens = fake().issueTokensDirectly({ applicationId: APP.applicationId, username: "ada" });
    expect((await refresh(fake(), tokens.refreshToken)).status).toBe(200);
    expect(await refresh(fake(), tokens.refreshToken)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(await api(fake(), "/api/v4/user", tokens.accessToken)).toMatchObject({ status: 401, body: REVOKED_BODY });
  });
});

describe("revocation", () => {
  const fake = useFake();
  const issue = (applicationId = APP.applicationId) => fake().issueTokensDirectly({ applicationId, username: "ada" });

  test("revoking the access token answers 200 {} and ends the access and refresh token together", async () => {
    const tokens = issue();
    expect(await revoke(fake(), tokens.accessToken)).toMatchObject({ status: 200, body: {} });
    expect(await api(fake(), "/api/v4/user", tokens.accessToken)).toMatchObject({ status: 401, body: REVOKED_BODY });
    expect((await refresh(fake(), tokens.refreshToken)).body.error).toBe("invalid_grant");
  });

  test("revoking the refresh token ends its access token too", async () => {
    const tokens = issue();
    const bodyAuth = { token: tokens.refreshToken, client_id: APP.applicationId, client_secret: APP.secret };
    expect(await post(fake(), { path: "/oauth/revoke", form: bodyAuth })).toMatchObject({ status: 200, body: {} });
    expect((await api(fake(), "/api/v4/user", tokens.accessToken)).status).toBe(401);
  });

  test("an unknown token is 200 {}", async () => {
    expect(await revoke(fake(), "0".repeat(64))).toMatchObject({ status: 200, body: {} });
  });

  test("without client authentication the answer is 403 unauthorized_client, even for unknown tokens", async () => {
    const tokens = issue();
    for (const token of [tokens.accessToken, "unknown"]) {
      expect(await revoke(fake(), token, null)).toMatchObject({
        status: 403,
        body: { error: "unauthorized_client", error_description: "You are not authorized to revoke this token" },
      });
    }
    expect(await revoke(fake(), tokens.accessToken, basicAuth(APP.applicationId, "wrong"))).toMatchObject({ status: 403 });
    expect((await api(fake(), "/api/v4/user", tokens.accessToken)).status).toBe(200);
  });

  test("an application cannot revoke another application's token", async () => {
    const tokens = issue(OTHER_APP.applicationId);
    expect(await revoke(fake(), tokens.accessToken)).toMatchObject({ status: 403, body: { error: "unauthorized_client" } });
    expect((await api(fake(), "/api/v4/user", tokens.accessToken)).status).toBe(200);
  });

  test("revoking a pair whose access token expired leaves its refresh token working (Doorkeeper revokes only accessible tokens)", async () => {
    const tokens = issue();
    fake().expireAccessTokens();
    expect(await revoke(fake(), tokens.refreshToken)).toMatchObject({ status: 200, body: {} });
    expect((await refresh(fake(), tokens.refreshToken)).status).toBe(200);
  });
});

describe("token info", () => {
  const fake = useFake();

  test("describes a valid token and refuses others with 401 invalid_token", async () => {
    const tokens = fake().issueTokensDirectly({ applicationId: APP.applicationId, username: "ada", scopes: ["read_user"] });
    const { status, body } = await api(fake(), "/oauth/token/info", tokens.accessToken);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      resource_owner_id: 1815,
      scope: ["read_user"],
      scopes: ["read_user"],
      application: { uid: APP.applicationId },
      created_at: tokens.createdAt,
    });
    expect(body.expires_in).toBeGreaterThan(7100);
    expect(body.expires_in_seconds).toBe(body.expires_in);
    const invalid = await api(fake(), "/oauth/token/info", "nope");
    expect(invalid).toMatchObject({ status: 401, body: { error: "invalid_token" } });
  });
});

describe("API", () => {
  const fake = useFake({ rateLimitPerMinute: 1000 });
  const issue = (scopes: string[], username = "ada") => fake().issueTokensDirectly({ applicationId: APP.applicationId, username, scopes }).accessToken;

  test("GET /api/v4/user returns the documented user shape with an integer id", async () => {
    const { status, body } = await api(fake(), "/api/v4/user", issue(["read_user"]));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 1815,
      username: "ada",
      name: "Ada Lovelace",
      email: "ada@example.com",
      public_email: "ada@example.com",
      state: "active",
      web_url: `${fake().url}/ada`,
    });
    const avatar = await fetch(body.avatar_url);
    expect(avatar.headers.get("content-type")).toBe("image/svg+xml");
    const grace = await api(fake(), "/api/v4/user", issue(["read_user"], "grace"));
    expect(grace.body.public_email).toBeNull();
  });

  test("the token may come as ?access_token= instead of a header", async () => {
    const response = await fetch(`${fake().url}/api/v4/user?access_token=${issue(["api"])}`);
    expect(response.status).toBe(200);
  });

  test("read_user, read_api and api all read /user; projects need read_api or api", async () => {
    for (const scope of ["read_user", "read_api", "api"]) {
      expect((await api(fake(), "/api/v4/user", issue([scope]))).status).toBe(200);
    }
    const forbidden = await api(fake(), "/api/v4/projects", issue(["read_user", "openid"]));
    expect(forbidden).toMatchObject({
      status: 403,
      body: {
        error: "insufficient_scope",
        error_description: "The request requires higher privileges than provided by the access token.",
        scope: "read_api api",
      },
    });
    expect((await api(fake(), "/api/v4/user", issue(["openid"]))).status).toBe(403);
    expect((await api(fake(), "/api/v4/projects", issue(["read_api"]))).status).toBe(200);
  });

  test("projects are paginated with GitLab's headers and honour search", async () => {
    const token = issue(["read_api"]);
    const { status, headers, body } = await api(fake(), "/api/v4/projects?membership=true&per_page=2&page=2", token);
    expect(status).toBe(200);
    expect(body.map((project: { path_with_namespace: string }) => project.path_with_namespace)).toEqual(["ada/letters", "ada/notes"]);
    expect(Object.fromEntries(["x-page", "x-per-page", "x-total", "x-total-pages", "x-next-page", "x-prev-page"].map((h) => [h, headers.get(h)]))).toEqual({
      "x-page": "2",
      "x-per-page": "2",
      "x-total": "5",
      "x-total-pages": "3",
      "x-next-page": "3",
      "x-prev-page": "1",
    });
    const link = headers.get("link") ?? "";
    expect(link).toContain(`<${fake().url}/api/v4/projects?membership=true&per_page=2&page=3>; rel="next"`);
    expect(link).toContain('rel="prev"');
    expect(link).toContain('page=3>; rel="last"');
    const searched = await api(fake(), "/api/v4/projects?search=NOTE", token);
    expect(searched.body.map((project: { name: string }) => project.name)).toEqual(["notes"]);
    expect(searched.headers.get("x-next-page")).toBe("");
  });

  test("POST /api/v4/snippets echoes a JSON or form body and its content type", async () => {
    const token = issue(["api"]);
    const json = await api(fake(), "/api/v4/snippets", token, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Notes", files: [{ file_path: "a.md", content: "# hi" }] }),
    });
    expect(json.status).toBe(201);
    expect(json.body).toMatchObject({ title: "Notes", files: [{ file_path: "a.md" }], received_content_type: "application/json" });
    const form = await api(fake(), "/api/v4/snippets", token, { method: "POST", body: new URLSearchParams({ title: "Form" }) });
    expect(form.body).toMatchObject({ title: "Form", received_content_type: expect.stringMatching(/^application\/x-www-form-urlencoded/) });
    expect((await api(fake(), "/api/v4/snippets", issue(["read_api"]), { method: "POST", body: "{}" })).status).toBe(403);
  });

  test("lastApiRequest shows what arrived: method, path with query, headers", async () => {
    const token = issue(["api"]);
    await api(fake(), "/api/v4/projects?search=notes&per_page=1", token, { headers: { "X-Trace": "t1" } });
    expect(fake().lastApiRequest()).toMatchObject({
      method: "GET",
      path: "/api/v4/projects?search=notes&per_page=1",
      headers: { authorization: `Bearer ${token}`, "x-trace": "t1" },
    });
  });

  test("unknown paths are 404 before the token is looked at", async () => {
    expect(await api(fake(), "/api/v4/nothing-here")).toMatchObject({ status: 404, body: { error: "404 Not Found" } });
  });

  test("missing or unknown tokens are 401 Unauthorized", async () => {
    expect(await api(fake(), "/api/v4/user")).toMatchObject({ status: 401, body: { message: "401 Unauthorized" } });
    expect(await api(fake(), "/api/v4/user", "f".repeat(64))).toMatchObject({ status: 401, body: { message: "401 Unauthorized" } });
  });

  test("expired and revoked tokens get api_guard's 401 bodies", async () => {
    const expired = issue(["api"]);
    fake().expireAccessTokens();
    const response = await api(fake(), "/api/v4/user", expired);
    expect(response).toMatchObject({ status: 401, body: EXPIRED_BODY });
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const revoked = issue(["api"]);
    fake().revokeGrant("ada", APP.applicationId);
    expect(await api(fake(), "/api/v4/user", revoked)).toMatchObject({ status: 401, body: REVOKED_BODY });
  });

  test("authenticated responses carry the RateLimit-* headers", async () => {
    const { headers } = await api(fake(), "/api/v4/user", issue(["api"], "grace"));
    expect(headers.get("ratelimit-limit")).toBe("1000");
    expect(headers.get("ratelimit-name")).toBe("throttle_authenticated_api");
    const observed = Number(headers.get("ratelimit-observed"));
    expect(observed).toBeGreaterThanOrEqual(1);
    expect(Number(headers.get("ratelimit-remaining"))).toBe(1000 - observed);
    expect(Number(headers.get("ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
  });
});

describe("API rate limit", () => {
  const fake = useFake({ rateLimitPerMinute: 2 });

  test("over the per-minute limit the API answers 429 Retry later with Retry-After", async () => {
    const token = fake().issueTokensDirectly({ applicationId: APP.applicationId, username: "ada" }).accessToken;
    // Two calls fit per minute; five calls cross at most one minute boundary, so one of them is refused.
    const responses = [];
    for (let i = 0; i < 5; i += 1) responses.push(await api(fake(), "/api/v4/user", token));
    const limited = responses.find((response) => response.status === 429);
    expect(limited?.body).toBe("Retry later\n");
    expect(Number(limited?.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(limited?.headers.get("ratelimit-remaining")).toBe("0");
    expect(limited?.headers.get("ratelimit-resettime")).toMatch(/GMT$/);
  });
});

describe("failure injection, revocation and stats", () => {
  const fake = useFake();
  const issue = (username = "ada") => fake().issueTokensDirectly({ applicationId: APP.applicationId, username });

  test("failNext answers the next token requests with the injected response", async () => {
    fake().failNext("token", { status: 503, body: { error: "temporarily_unavailable" }, times: 2 });
    const { refreshToken } = issue();
    expect((await refresh(fake(), refreshToken)).body).toEqual({ error: "temporarily_unavailable" });
    expect((await refresh(fake(), refreshToken)).status).toBe(503);
    expect((await refresh(fake(), refreshToken)).status).toBe(200);
  });

  test("the user target fails /api/v4/user only; api fails any API call; revoke fails revocation", async () => {
    const { accessToken } = issue();
    fake().failNext("user", { status: 500 });
    expect((await api(fake(), "/api/v4/projects", accessToken)).status).toBe(200);
    expect(await api(fake(), "/api/v4/user", accessToken)).toMatchObject({ status: 500, body: { message: "500 Internal Server Error" } });
    fake().failNext("api", { status: 502, body: "<html>Bad gateway</html>" });
    const gateway = await api(fake(), "/api/v4/projects", accessToken);
    expect(gateway).toMatchObject({ status: 502, body: "<html>Bad gateway</html>" });
    fake().failNext("revoke", { status: 503 });
    expect((await revoke(fake(), accessToken)).status).toBe(503);
    expect((await api(fake(), "/api/v4/user", accessToken)).status).toBe(200);
  });

  test("an injected 429 without body is GitLab's throttle answer", async () => {
    fake().failNext("api", { status: 429, headers: { "Retry-After": "7" } });
    const { status, headers, body } = await api(fake(), "/api/v4/user", issue().accessToken);
    expect(status).toBe(429);
    expect(body).toBe("Retry later\n");
    expect(headers.get("retry-after")).toBe("7");
    expect(headers.get("ratelimit-name")).toBe("throttle_authenticated_api");
    expect(headers.get("ratelimit-resettime")).toMatch(/GMT$/);
  });

  test("delayNext outlasts a client timeout, then the server is quick again", async () => {
    fake().delayNext("token", 500);
    const { refreshToken } = issue();
    const request = () =>
      fetch(`${fake().url}/oauth/token`, {
        method: "POST",
        headers: { Authorization: appAuth, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }),
        signal: AbortSignal.timeout(100),
      });
    await expect(request()).rejects.toThrow();
    expect((await request()).status).toBe(200);
  });

  test("clearFailures drops pending injections", async () => {
    fake().failNext("api", { status: 500 });
    fake().delayNext("api", 10_000);
    fake().clearFailures();
    expect((await api(fake(), "/api/v4/user", issue().accessToken)).status).toBe(200);
  });

  test("revokeGrant ends that user's tokens and pending codes for that application only", async () => {
    const ada = issue();
    const grace = issue("grace");
    const pending = await authorizationCode(fake());
    fake().revokeGrant("ada", APP.applicationId);
    expect((await refresh(fake(), ada.refreshToken)).body.error).toBe("invalid_grant");
    expect((await api(fake(), "/api/v4/user", ada.accessToken)).status).toBe(401);
    expect((await exchange(fake(), pending)).body.error).toBe("invalid_grant");
    expect((await api(fake(), "/api/v4/user", grace.accessToken)).status).toBe(200);
    const reconnected = await exchange(fake(), await authorizationCode(fake()));
    expect((await api(fake(), "/api/v4/user", reconnected.body.access_token)).status).toBe(200);
  });

  test("stats count every token and revoke request, rejected ones included, and API calls", async () => {
    fake().resetStats();
    const code = await authorizationCode(fake());
    const { body } = await exchange(fake(), code);
    await exchange(fake(), code);
    await refresh(fake(), body.refresh_token);
    await refresh(fake(), body.refresh_token, {}, basicAuth(APP.applicationId, "wrong"));
    await post(fake(), { form: { grant_type: "password" }, authorization: appAuth });
    await revoke(fake(), "unknown", null);
    await api(fake(), "/api/v4/user", body.access_token);
    await api(fake(), "/api/v4/user");
    expect(fake().stats()).toEqual({
      tokenRequests: { authorization_code: 2, refresh_token: 2, total: 5 },
      revokeRequests: 1,
      apiRequests: 2,
    });
    fake().resetStats();
    expect(fake().stats()).toEqual({
      tokenRequests: { authorization_code: 0, refresh_token: 0, total: 0 },
      revokeRequests: 0,
      apiRequests: 0,
    });
  });
});

describe("control API", () => {
  const fake = useFake();

  test("drives the fake over HTTP", async () => {
    const control = fakeGitLabControl(fake().url);
    expect(await control.lastApiRequest()).toBeNull();
    const remote: FakeGitLabApplication = {
      applicationId: "remote",
      secret: "r",
      redirectUris: [REDIRECT_URI],
      scopes: ["read_user"],
    };
    await control.addApplication(remote);
    const linus = await control.addUser({ username: "linus", name: "Linus Torvalds" });
    expect(Number.isInteger(linus.id)).toBe(true);
    await control.setCurrentUser("linus");
    const page = await fetch(authorizeUrl(fake(), { ...authorizeParams(), client_id: "remote" }));
    expect(await page.text()).toContain('<option value="linus" selected>');

    await control.updateSettings({ keepPreviousRefreshToken: false, accessTokenLifetimeSeconds: 60 });
    const tokens = await control.issueTokensDirectly({ applicationId: "remote", username: "linus" });
    expect(tokens.expiresIn).toBe(60);
    const auth = basicAuth("remote", "r");
    const refreshed = await refresh(fake(), tokens.refreshToken, {}, auth);
    expect(refreshed.body).toMatchObject({ expires_in: 60, scope: "read_user" });
    expect((await refresh(fake(), tokens.refreshToken, {}, auth)).body.error).toBe("invalid_grant");
    expect((await api(fake(), "/api/v4/user", refreshed.body.access_token)).body.username).toBe("linus");

    await control.failNext("user", { status: 500, body: { boom: true } });
    expect((await api(fake(), "/api/v4/user", refreshed.body.access_token)).body).toEqual({ boom: true });
    await control.delayNext("api", 1);
    await control.failNext("api", { status: 500 });
    await control.clearFailures();
    await control.expireAccessTokens();
    expect((await api(fake(), "/api/v4/user", refreshed.body.access_token)).body).toEqual(EXPIRED_BODY);
    await control.revokeGrant("linus", "remote");
    expect((await refresh(fake(), refreshed.body.refresh_token, {}, auth)).body.error).toBe("invalid_grant");

    expect(await control.stats()).toEqual({
      tokenRequests: { authorization_code: 0, refresh_token: 3, total: 3 },
      revokeRequests: 0,
      apiRequests: 3,
    });
    await control.resetStats();
    expect((await control.stats()).tokenRequests.total).toBe(0);
    expect((await control.lastApiRequest())?.path).toBe("/api/v4/user");

    await control.reset();
    await expect(control.issueTokensDirectly({ applicationId: "remote", username: "linus" })).rejects.toThrow(/Unknown application remote/);
  });

  test("rejects invalid payloads with a readable error", async () => {
    const control = fakeGitLabControl(fake().url);
    await expect(control.updateSettings({ keepPreviousRefreshToken: "yes" as unknown as boolean })).rejects.toThrow(/400/);
    await expect(control.addApplication({ ...APP, redirectUris: [] })).rejects.toThrow(/400/);
    await expect(control.setCurrentUser("nobody")).rejects.toThrow(/Unknown user nobody/);
  });
});

import { describe, test, expect } from "vitest";
import { fakeBitbucketControl } from "../fakes/bitbucket/control";
import { startFakeBitbucket, type FakeBitbucket, type FakeBitbucketOptions, type FakeConsumer } from "../fakes/bitbucket/server";
import { basicAuth, hiddenFields, submitAuthorizeForm, useStartedFake } from "../support/fake-providers";

const CALLBACK_URL = "http://localhost:3000/api/oauth/bitbucket/callback";
const CONSUMER: FakeConsumer = {
  key: "test-key",
  secret: "test-secret",
  name: "Latchkey test",
  callbackUrl: CALLBACK_URL,
  permissions: ["account", "email", "repository"],
};
const EXPIRED_BODY = {
  type: "error",
  error: { message: "Access token expired. Use your refresh token to obtain a new access token." },
};

/** Starts a fake for the enclosing describe block, with CONSUMER registered unless consumers are given. */
function useFake(options: FakeBitbucketOptions = {}): () => FakeBitbucket {
  return useStartedFake("Bitbucket", () => startFakeBitbucket({ consumers: [CONSUMER], ...options }));
}

interface Authorization {
  params: Record<string, string>;
  decision?: "grant" | "deny";
  account?: string;
}

/** Loads the authorize page and submits its form as a browser would; returns where Bitbucket redirects. */
async function authorize(fake: FakeBitbucket, { params, decision = "grant", account }: Authorization): Promise<URL> {
  const page = await fetch(`${fake.url}/site/oauth2/authorize?${new URLSearchParams(params)}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  return submitAuthorizeForm(fake.url, html, { fields: hiddenFields(html), decision, account });
}

async function authorizationCode(fake: FakeBitbucket, clientId = CONSUMER.key, account?: string): Promise<string> {
  const callback = await authorize(fake, { params: { client_id: clientId, response_type: "code" }, account });
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`no code in ${callback.href}`);
  return code;
}

interface TokenCall {
  form: Record<string, string>;
  authorization?: string;
  contentType?: string;
}

async function tokenRequest(fake: FakeBitbucket, call: TokenCall): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {
    "Content-Type": call.contentType ?? "application/x-www-form-urlencoded",
  };
  if (call.authorization !== undefined) headers.Authorization = call.authorization;
  const response = await fetch(`${fake.url}/site/oauth2/access_token`, {
    method: "POST",
    headers,
    body: new URLSearchParams(call.form).toString(),
  });
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return { status: response.status, body: await response.json() };
}

const consumerAuth = basicAuth(CONSUMER.key, CONSUMER.secret);

async function exchangeCode(fake: FakeBitbucket, code: string, authorization = consumerAuth) {
  return tokenRequest(fake, { form: { grant_type: "authorization_code", code }, authorization });
}

async function refresh(fake: FakeBitbucket, refreshToken: string, authorization = consumerAuth) {
  return tokenRequest(fake, { form: { grant_type: "refresh_token", refresh_token: refreshToken }, authorization });
}

async function api(fake: FakeBitbucket, path: string, token?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token !== undefined) headers.set("Authorization", `Bearer ${token}`);
  const response = await fetch(`${fake.url}${path}`, { ...init, headers });
  return { status: response.status, contentType: response.headers.get("content-type"), body: await response.json() };
}

describe("authorize page", () => {
  const fake = useFake();

  test.each([
    ["an unknown client_id", { client_id: "nobody", response_type: "code" }],
    ["a redirect_uri outside the callback URL", { client_id: CONSUMER.key, response_type: "code", redirect_uri: "https://evil.example/cb" }],
    ["a missing response_type", { client_id: CONSUMER.key }],
  ])("shows an HTML error page, never a redirect, for %s", async (_, params) => {
    const response = await fetch(`${fake().url}/site/oauth2/authorize?${new URLSearchParams(params)}`, {
      redirect: "manual",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain("Invalid OAuth request");
  });

  test("names the consumer, lists its permissions and offers the accounts", async () => {
    const response = await fetch(`${fake().url}/site/oauth2/authorize?client_id=${CONSUMER.key}&response_type=code`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain("<h1>Authorize Latchkey test</h1>");
    expect(html).toContain("Read your account information (<code>account</code>)");
    expect(html).toContain('<label for="account">Signed in as</label>');
    expect(html).toContain('<option value="ada" selected>Ada Lovelace (ada)</option>');
    expect(html).toContain('<option value="grace">Grace Hopper (grace)</option>');
    expect(html).toContain(">Grant access</button>");
    expect(html).toContain(">Deny</button>");
  });

  test("grant redirects to the callback with a code and the exact state", async () => {
    const state = "a b&c=d/é+%";
    const callback = await authorize(fake(), { params: { client_id: CONSUMER.key, response_type: "code", state } });
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK_URL);
    expect(callback.searchParams.get("code")).toMatch(/.{20,}/);
    expect(callback.searchParams.get("state")).toBe(state);
  });

  test("omits state when none was sent and honours a redirect_uri extending the callback URL", async () => {
    const redirectUri = `${CALLBACK_URL}?flow=connect`;
    const callback = await authorize(fake(), {
      params: { client_id: CONSUMER.key, response_type: "code", redirect_uri: redirectUri },
    });
    expect(callback.searchParams.get("flow")).toBe("connect");
    expect(callback.searchParams.has("code")).toBe(true);
    expect(callback.searchParams.has("state")).toBe(false);
  });

  test("deny redirects with access_denied and the state", async () => {
    const callback = await authorize(fake(), {
      params: { client_id: CONSUMER.key, response_type: "code", state: "s1" },
      decision: "deny",
    });
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("error_description")).toBeTruthy();
    expect(callback.searchParams.get("state")).toBe("s1");
    expect(callback.searchParams.has("code")).toBe(false);
  });

  test("ignores the scope parameter and grants the consumer's permissions", async () => {
    const callback = await authorize(fake(), {
      params: { client_id: CONSUMER.key, response_type: "code", scope: "repository:admin webhook" },
    });
    const { body } = await exchangeCode(fake(), callback.searchParams.get("code") ?? "");
    expect(body.scopes.split(" ").sort()).toEqual([...CONSUMER.permissions].sort());
  });

  test("the account chosen in the form is the one that grants access", async () => {
    const code = await authorizationCode(fake(), CONSUMER.key, "grace");
    const { body: tokens } = await exchangeCode(fake(), code);
    const { body: user } = await api(fake(), "/2.0/user", tokens.access_token);
    expect(user.nickname).toBe("grace");
  });
});

describe("token endpoint: authorization code", () => {
  const fake = useFake({
    consumers: [CONSUMER, { key: "no-callback", secret: "s", permissions: ["account"] }],
  });

  test("exchanges a code with Basic client authentication", async () => {
    const { status, body } = await exchangeCode(fake(), await authorizationCode(fake()));
    expect(status).toBe(200);
    expect(body).toEqual({
      scopes: expect.any(String),
      access_token: expect.stringMatching(/^.{40,}$/),
      expires_in: 7200,
      token_type: "bearer",
      state: "authorization_code",
      refresh_token: expect.stringMatching(/^.{40,}$/),
    });
    expect(body.scopes.split(" ").sort()).toEqual(["account", "email", "repository"]);
  });

  test("accepts client credentials in the body too", async () => {
    const code = await authorizationCode(fake());
    const { status } = await tokenRequest(fake(), {
      form: { grant_type: "authorization_code", code, client_id: CONSUMER.key, client_secret: CONSUMER.secret },
    });
    expect(status).toBe(200);
  });

  test("a code works once", async () => {
    const code = await authorizationCode(fake());
    expect((await exchangeCode(fake(), code)).status).toBe(200);
    const reused = await exchangeCode(fake(), code);
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe("invalid_grant");
  });

  test("an unknown code is an invalid_grant", async () => {
    const { status, body } = await exchangeCode(fake(), "made-up");
    expect(status).toBe(400);
    expect(body).toEqual({ error: "invalid_grant", error_description: expect.any(String) });
  });

  test("rejects a wrong secret as unauthorized_client", async () => {
    const code = await authorizationCode(fake());
    const { status, body } = await exchangeCode(fake(), code, basicAuth(CONSUMER.key, "wrong"));
    expect(status).toBe(400);
    expect(body).toEqual({ error: "unauthorized_client", error_description: "Invalid OAuth client credentials" });
  });

  test("a code is bound to the consumer it was issued to", async () => {
    const code = await authorizationCode(fake());
    const { body } = await exchangeCode(fake(), code, basicAuth("no-callback", "s"));
    expect(body.error).toBe("invalid_request");
    fake().addConsumer({ key: "other", secret: "o", callbackUrl: CALLBACK_URL, permissions: [] });
    expect((await exchangeCode(fake(), code, basicAuth("other", "o"))).body.error).toBe("invalid_grant");
  });

  test("a consumer without a callback URL cannot exchange codes", async () => {
    const callback = await authorize(fake(), {
      params: { client_id: "no-callback", response_type: "code", redirect_uri: "http://localhost:3000/cb" },
    });
    const code = callback.searchParams.get("code") ?? "";
    const { status, body } = await exchangeCode(fake(), code, basicAuth("no-callback", "s"));
    expect(status).toBe(400);
    expect(body).toEqual({
      error: "invalid_request",
      error_description: "No callback uri defined for the OAuth client.",
    });
  });

  test("rejects unknown grant types and non-form bodies", async () => {
    const unknown = await tokenRequest(fake(), {
      form: { grant_type: "client_credentials" },
      authorization: consumerAuth,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe("unsupported_grant_type");
    const json = await tokenRequest(fake(), {
      form: { grant_type: "authorization_code", code: "x" },
      authorization: consumerAuth,
      contentType: "application/json",
    });
    expect(json.status).toBe(400);
    expect(json.body.error).toBe("invalid_request");
  });
});

describe("token endpoint: short-lived codes", () => {
  const fake = useFake({ authorizationCodeLifetimeSeconds: 0.05 });

  test("an expired code is an invalid_grant", async () => {
    const code = await authorizationCode(fake());
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { status, body } = await exchangeCode(fake(), code);
    expect(status).toBe(400);
    expect(body.error).toBe("invalid_grant");
  });
});

describe("token endpoint: refresh", () => {
  const fake = useFake();

  test("static mode returns the same refresh token and a new working access token", async () => {
    const first = fake().issueTokensDirectly({ consumerKey: CONSUMER.key, userNickname: "ada" });
    const { status, body } = await refresh(fake(), first.refreshToken);
    expect(status).toBe(200);
    expect(body.state).toBe("refresh_token");
    expect(body.refresh_token).toBe(first.refreshToken);
    expect(body.access_token).not.toBe(first.accessToken);
    expect((await api(fake(), "/2.0/user", body.access_token)).status).toBe(200);
    expect((await refresh(fake(), first.refreshToken)).status).toBe(200);
  });

  test("a missing refresh token is an invalid_request, an unknown one an invalid_grant", async () => {
    const missing = await tokenRequest(fake(), { form: { grant_type: "refresh_token" }, authorization: consumerAuth });
    expect(missing.body).toEqual({ error: "invalid_request", error_description: "Invalid refresh_token" });
    expect((await refresh(fake(), "made-up")).body.error).toBe("invalid_grant");
  });

  test("rotating mode returns a new refresh token; the old one works within the grace period", async () => {
    fake().updateSettings({ refreshMode: "rotating" });
    const first = fake().issueTokensDirectly({ consumerKey: CONSUMER.key, userNickname: "ada" });
    const rotated = await refresh(fake(), first.refreshToken);
    expect(rotated.body.refresh_token).not.toBe(first.refreshToken);
    const retried = await refresh(fake(), first.refreshToken);
    expect(retried.status).toBe(200);
    expect((await refresh(fake(), rotated.body.refresh_token)).status).toBe(200);
    fake().reset();
  });

  test("rotating mode with no grace kills the used refresh token at once", async () => {
    fake().updateSettings({ refreshMode: "rotating", rotatedRefreshTokenGraceSeconds: 0 });
    const first = fake().issueTokensDirectly({ consumerKey: CONSUMER.key, userNickname: "ada" });
    const rotated = await refresh(fake(), first.refreshToken);
    expect(rotated.status).toBe(200);
    const reused = await refresh(fake(), first.refreshToken);
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe("invalid_grant");
    expect((await refresh(fake(), rotated.body.refresh_token)).status).toBe(200);
    fake().reset();
  });

  test("scopeField renames scopes to scope", async () => {
    fake().updateSettings({ scopeField: "scope" });
    const { refreshToken } = fake().issueTokensDirectly({ consumerKey: CONSUMER.key, userNickname: "ada" });
    const { body } = await refresh(fake(), refreshToken);
    expect(body.scope.split(" ").sort()).toEqual(["account", "email", "repository"]);
    expect(body).not.toHaveProperty("scopes");
    fake().reset();
  });

  test("longTokens issues access tokens over 2,500 characters that the API accepts", async () => {
    fake().updateSettings({ longTokens: true });
    const { refreshToken } = fake().issueTokensDirectly({ consumerKey: CONSUMER.key, userNickname: "ada" });
    const { body } = await refresh(fake(), refreshToken);
    expect(body.access_token.length).toBeGreaterThan(2500);
    expect((await api(fake(), "/2.0/user", body.access_token)).status).toBe(200);
    fake().reset();
  });
});

describe("API", () => {
  const fake = useFake({
    consumers: [
      CONSUMER,
      { key: "no-account", secret: "s", callbackUrl: CALLBACK_URL, permissions: ["repository"] },
      { key: "pr-only", secret: "s", callbackUrl: CALLBACK_URL, permissions: ["pullrequest"] },
      { key: "pr-write", secret: "s", callbackUrl: CALLBACK_URL, permissions: ["pullrequest:write"] },
      { key: "snippets", secret: "s", callbackUrl: CALLBACK_URL, permissions: ["snippet:write"] },
    ],
  });
  const tokenFor = (consumerKey: string, userNickname = "ada") => fake().issueTokensDirectly({ consumerKey, userNickname }).accessToken;

  test("GET /2.0/user with account returns the documented user shape", async () => {
    const { status, contentType, body } = await api(fake(), "/2.0/user", tokenFor(CONSUMER.key));
    expect(status).toBe(200);
    expect(contentType).toMatch(/^application\/json/);
    expect(body).toEqual({
      type: "user",
      uuid: "{a1b2c3d4-0001-4e8f-9a0b-1c2d3e4f5a6b}",
      account_id: expect.stringMatching(/^557058:/),
      display_name: "Ada Lovelace",
      nickname: "ada",
      links: { avatar: { href: `${fake().url}/avatars/ada.svg` } },
      created_on: expect.any(String),
    });
    const avatar = await fetch(body.links.avatar.href);
    expect(avatar.headers.get("content-type")).toBe("image/svg+xml");
  });

  test("GET /2.0/user without account is a 403 naming granted and required scopes", async () => {
    const { status, body } = await api(fake(), "/2.0/user", tokenFor("no-account"));
    expect(status).toBe(403);
    expect(body).toEqual({
      type: "error",
      error: {
        message: "Your credentials lack one or more required privilege scopes.",
        detail: { granted: ["repository"], required: ["account"] },
      },
    });
  });

  test("scope implications are expanded: pullrequest and pullrequest:write can list repositories", async () => {
    expect((await api(fake(), "/2.0/repositories/ada", tokenFor("pr-only"))).status).toBe(200);
    expect((await api(fake(), "/2.0/repositories/ada", tokenFor("pr-write"))).status).toBe(200);
    expect((await api(fake(), "/2.0/user/emails", tokenFor("pr-write"))).status).toBe(403);
  });

  test("emails and workspaces are paginated", async () => {
    const emails = await api(fake(), "/2.0/user/emails", tokenFor(CONSUMER.key));
    expect(emails.body).toMatchObject({ pagelen: 10, size: 2, page: 1 });
    expect(emails.body.values[0]).toEqual({
      type: "email",
      email: "ada@example.com",
      is_primary: true,
      is_confirmed: true,
    });
    const workspaces = await api(fake(), "/2.0/user/workspaces", tokenFor("pr-only", "grace"));
    expect(workspaces.body.values[0].workspace.slug).toBe("grace");
  });

  test("repository listing honours pagelen, links the next page and echoes q", async () => {
    const q = 'name ~ "note"';
    const { body } = await api(fake(), `/2.0/repositories/ada?pagelen=2&q=${encodeURIComponent(q)}`, tokenFor(CONSUMER.key));
    expect(body.values).toHaveLength(2);
    expect(body.size).toBe(3);
    expect(body.q).toBe(q);
    const next = new URL(body.next);
    expect(next.searchParams.get("page")).toBe("2");
    expect(next.searchParams.get("q")).toBe(q);
    const second = await api(fake(), `${next.pathname}${next.search}`, tokenFor(CONSUMER.key));
    expect(second.body.values).toHaveLength(1);
    expect(second.body).not.toHaveProperty("next");
  });

  test("POST /2.0/snippets echoes the body and content type", async () => {
    const { status, body } = await api(fake(), "/2.0/snippets", tokenFor("snippets"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ title: "hello", is_private: true }),
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ title: "hello", is_private: true, received_content_type: "application/json" });
    expect(body.id).toEqual(expect.any(String));
  });

  test("unknown paths are 404 with the error shape", async () => {
    const { status, body } = await api(fake(), "/2.0/nothing/here", tokenFor(CONSUMER.key));
    expect(status).toBe(404);
    expect(body).toEqual({ type: "error", error: { message: "Resource not found" } });
  });

  test("missing or unknown tokens are 401", async () => {
    const missing = await api(fake(), "/2.0/user");
    expect(missing.status).toBe(401);
    expect(missing.body.type).toBe("error");
    expect((await api(fake(), "/2.0/user", "made-up")).status).toBe(401);
  });

  test("expired access tokens get the documented 401 body", async () => {
    const token = tokenFor(CONSUMER.key);
    fake().expireAccessTokens();
    const { status, body } = await api(fake(), "/2.0/user", token);
    expect(status).toBe(401);
    expect(body).toEqual(EXPIRED_BODY);
    expect((await api(fake(), "/2.0/user", tokenFor(CONSUMER.key))).status).toBe(200);
  });

  test("over the hourly rate limit the API answers 429", async () => {
    fake().addUser({ nickname: "busy", displayName: "Busy Bee" });
    fake().updateSettings({ rateLimitPerHour: 3 });
    const token = tokenFor(CONSUMER.key, "busy");
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await api(fake(), "/2.0/user", token)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    fake().updateSettings({ rateLimitPerHour: null });
  });
});

describe("failure injection, revocation and stats", () => {
  const fake = useFake();

  test("failNext answers the next token requests with the injected response", async () => {
    fake().failNext("token", { status: 503, body: { error: "temporarily_unavailable" }, times: 2 });
    const { refreshToken } = fake().issueTokensDirectly({ consumerKey: CONSUMER.key, userNickname: "ada" });
    expect(await refresh(fake(), refreshToken)).toEqual({ status: 503, body: { error: "temporarily_unavailable" } });
    expect((await refresh(fake(), refreshToken)).status).toBe(503);
    expect((await refresh(fake(), refreshToken)).status).toBe(200);
  });

  test("the user target fails identity lookups only; api fails any API call", async () => {
    const { accessToken } = fake().issueTokensDirectly({ consumerKey: CONSUMER.key, userNickname: "ada" });
    fake().failNext("user", { status: 500 });
    expect((await api(fake(), "/2.0/repositories/ada", accessToken)).status).toBe(200);
    const failed = await api(fake(), "/2.0/user", accessToken);
    expect(failed.status).toBe(500);
    expect(failed.body.type).toBe("error");
    fake().failNext("api", { status: 502, body: "<html>Bad gateway</html>" });
    const response = await fetch(`${fake().url}/2.0/repositories/ada`);
    expect(response.status).toBe(502);
    expect(await response.text()).toBe("<html>Bad gateway</html>");
  });

  test("delayNext outlasts a client timeout, then the server is quick again", async () => {
    fake().delayNext("token", 500);
    const { refreshToken } = fake().issueTokensDirectly({ consumerKey: CONSUMER.key, userNickname: "ada" });
    const request = () =>
      fetch(`${fake().url}/site/oauth2/access_token`, {
        method: "POST",
        headers: { Authorization: consumerAuth, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }),
        signal: AbortSignal.timeout(100),
      });
    await expect(request()).rejects.toThrow();
    expect((await request()).status).toBe(200);
  });

  test("clearFailures drops pending injections", async () => {
    fake().failNext("api", { status: 500 });
    fake().clearFailures();
    const { accessToken } = fake().issueTokensDirectly({ consumerKey: CONSUMER.key, userNickname: "ada" });
    expect((await api(fake(), "/2.0/user", accessToken)).status).toBe(200);
  });

  test("revokeGrant kills that user's tokens for that consumer only", async () => {
    const ada = fake().issueTokensDirectly({ consumerKey: CONSUMER.key, userNickname: "ada" });
    const grace = fake().issueTokensDirectly({ consumerKey: CONSUMER.key, userNickname: "grace" });
    fake().revokeGrant("ada", CONSUMER.key);
    expect((await refresh(fake(), ada.refreshToken)).body.error).toBe("invalid_grant");
    expect((await api(fake(), "/2.0/user", ada.accessToken)).status).toBe(401);
    expect((await api(fake(), "/2.0/user", grace.accessToken)).status).toBe(200);
    const reconnected = await exchangeCode(fake(), await authorizationCode(fake()));
    expect((await api(fake(), "/2.0/user", reconnected.body.access_token)).status).toBe(200);
  });

  test("stats count every token request, rejected ones included, and API calls", async () => {
    fake().resetStats();
    const code = await authorizationCode(fake());
    const { body } = await exchangeCode(fake(), code);
    await exchangeCode(fake(), code);
    await refresh(fake(), body.refresh_token);
    await refresh(fake(), body.refresh_token, basicAuth(CONSUMER.key, "wrong"));
    await tokenRequest(fake(), { form: { grant_type: "password" }, authorization: consumerAuth });
    await api(fake(), "/2.0/user", body.access_token);
    await api(fake(), "/2.0/user");
    expect(fake().stats()).toEqual({
      tokenRequests: { authorization_code: 2, refresh_token: 2, total: 5 },
      apiRequests: 2,
    });
    fake().resetStats();
    expect(fake().stats()).toEqual({ tokenRequests: { authorization_code: 0, refresh_token: 0, total: 0 }, apiRequests: 0 });
  });
});

describe("control API", () => {
  const fake = useFake();

  test("drives the fake over HTTP", async () => {
    const control = fakeBitbucketControl(fake().url);
    expect(await control.lastApiRequest()).toBeNull();
    await control.addConsumer({ key: "remote", secret: "r", callbackUrl: CALLBACK_URL, permissions: ["account"] });
    const linus = await control.addUser({ nickname: "linus", displayName: "Linus Torvalds" });
    expect(linus.uuid).toMatch(/^\{[0-9a-f-]{36}\}$/);
    await control.setCurrentUser("linus");
    const page = await fetch(`${fake().url}/site/oauth2/authorize?client_id=remote&response_type=code`);
    expect(await page.text()).toContain('<option value="linus" selected>');

    await control.updateSettings({ scopeField: "scope", refreshMode: "rotating" });
    const tokens = await control.issueTokensDirectly({ consumerKey: "remote", userNickname: "linus" });
    const refreshed = await refresh(fake(), tokens.refreshToken, basicAuth("remote", "r"));
    expect(refreshed.body.scope).toBe("account");
    expect(refreshed.body.refresh_token).not.toBe(tokens.refreshToken);
    expect((await api(fake(), "/2.0/user", tokens.accessToken)).body.nickname).toBe("linus");

    await control.failNext("user", { status: 500, body: { boom: true } });
    expect((await api(fake(), "/2.0/user", tokens.accessToken)).body).toEqual({ boom: true });
    await control.delayNext("api", 1);
    await control.failNext("api", { status: 500 });
    await control.clearFailures();
    await control.expireAccessTokens();
    expect((await api(fake(), "/2.0/user", tokens.accessToken)).body).toEqual(EXPIRED_BODY);
    await control.revokeGrant("linus", "remote");
    expect((await refresh(fake(), refreshed.body.refresh_token, basicAuth("remote", "r"))).body.error).toBe("invalid_grant");

    expect(await control.stats()).toEqual({
      tokenRequests: { authorization_code: 0, refresh_token: 2, total: 2 },
      apiRequests: 3,
    });
    await control.resetStats();
    expect((await control.stats()).tokenRequests.total).toBe(0);

    await control.reset();
    await expect(control.issueTokensDirectly({ consumerKey: "remote", userNickname: "linus" })).rejects.toThrow(/Unknown consumer remote/);
  });

  test("rejects invalid payloads with a readable error", async () => {
    const control = fakeBitbucketControl(fake().url);
    await expect(control.updateSettings({ refreshMode: "sometimes" as "static" })).rejects.toThrow(/400/);
    await expect(control.setCurrentUser("nobody")).rejects.toThrow(/Unknown user nobody/);
  });
});

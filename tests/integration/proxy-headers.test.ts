// The proxy passes headers on by allowlist, each way: the caller's cookies,
// its Authorization (the API key) and hop-by-hop headers never reach
// Bitbucket, and Bitbucket's cookies and hop-by-hop headers never reach the
// caller, while what a client needs (content type, ETag, rate limits) does.
import { afterAll, beforeEach, expect, test } from "vitest";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import * as proxyRoute from "@/app/api/v1/connections/[connectionId]/proxy/[...path]/route";
import { updateAllowedOrigins } from "@/lib/applications";
import { openToken } from "@/lib/connections/sealing";
import { callRoute, makeApiKey, makeApplication, makeUser } from "../support/factories";
import { CALLBACK_URL, configureBitbucket, connectEndUser } from "../support/connect-flow";
import { stored } from "../support/connections";

const consumer = { key: "headers-key", secret: "headers-secret-value", callbackUrl: CALLBACK_URL, permissions: ["account", "repository", "snippet"] };
const fake = await startFakeBitbucket({ consumers: [consumer] });
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;
afterAll(() => fake.close());

const owner = await makeUser();
const application = await makeApplication(owner, "Headers app");
await updateAllowedOrigins(owner, { applicationId: application.id, allowedOrigins: "https://app.example" });
const { key: apiKey } = await makeApiKey(owner, application.id);
await configureBitbucket(owner, application.id, consumer, ["account", "repository"]);
const landing = await connectEndUser(apiKey, { endUserId: "headers", provider: "bitbucket", returnUrl: "https://app.example/" });
const connectionId = landing.searchParams.get("connectionId")!;

const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "upgrade", "te", "trailer", "proxy-authenticate", "proxy-authorization"];

beforeEach(() => fake.clearFailures());

function proxyGet(path: string, headers: Record<string, string>) {
  return callRoute(proxyRoute.GET, { url: `/api/v1/connections/${connectionId}/proxy/${path}`, apiKey, headers }, { connectionId, path: path.split("/") });
}

test("the caller's cookies, API key and hop-by-hop headers never reach Bitbucket; its content negotiation does", async () => {
  const response = await proxyGet("2.0/user", {
    cookie: "next-auth.session-token=portal-session; other=1",
    "proxy-authorization": "Basic cHJveHk6c2VjcmV0",
    connection: "x-hop-header",
    "x-hop-header": "named by Connection",
    "keep-alive": "timeout=99",
    te: "trailers",
    trailer: "x-checksum",
    upgrade: "websocket",
    "x-forwarded-for": "203.0.113.9",
    accept: "application/json",
    "if-none-match": '"etag-from-caller"',
  });
  expect(response.status).toBe(200);

  const seen = fake.lastApiRequest()!;
  expect(seen.path).toBe("/2.0/user");
  const accessToken = openToken(connectionId, "accessToken", (await stored(connectionId)).accessToken!).reveal();
  expect(seen.headers.authorization).toBe(`Bearer ${accessToken}`);
  expect(JSON.stringify(seen.headers)).not.toContain(apiKey);
  expect(seen.headers).not.toHaveProperty("cookie");
  expect(seen.headers).not.toHaveProperty("proxy-authorization");
  expect(seen.headers).not.toHaveProperty("x-hop-header");
  expect(seen.headers).not.toHaveProperty("x-forwarded-for");
  for (const name of ["keep-alive", "te", "trailer", "upgrade", "transfer-encoding"]) expect(seen.headers).not.toHaveProperty(name);
  // The vault's own HTTP client manages its connection; the caller's Connection value is not it.
  expect(seen.headers.connection ?? "").not.toContain("x-hop-header");
  expect(seen.headers.accept).toBe("application/json");
  expect(seen.headers["if-none-match"]).toBe('"etag-from-caller"');
});

test("Bitbucket's cookies and hop-by-hop headers never reach the caller; content type, ETag and rate limits do", async () => {
  fake.failNext("api", {
    status: 200,
    body: { username: "ada" },
    headers: {
      "Set-Cookie": "bb_session=upstream-secret; Path=/; HttpOnly",
      Connection: "keep-alive, x-upstream-hop",
      "X-Upstream-Hop": "named by Connection",
      "Keep-Alive": "timeout=5",
      "Transfer-Encoding": "chunked",
      Upgrade: "h2c",
      Trailer: "x-checksum",
      "Proxy-Authenticate": 'Basic realm="upstream"',
      ETag: '"bitbucket-etag"',
      "X-RateLimit-Limit": "1000",
      "X-RateLimit-Remaining": "998",
      "X-RateLimit-Reset": "1767225600",
    },
  });
  const response = await proxyGet("2.0/user", {});

  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ username: "ada" });
  expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(response.headers.get("etag")).toBe('"bitbucket-etag"');
  expect(response.headers.get("x-ratelimit-limit")).toBe("1000");
  expect(response.headers.get("x-ratelimit-remaining")).toBe("998");
  expect(response.headers.get("x-ratelimit-reset")).toBe("1767225600");
  expect(response.headers.getSetCookie()).toEqual([]);
  expect(response.headers.get("x-upstream-hop")).toBeNull();
  for (const name of HOP_BY_HOP) expect(response.headers.get(name), name).toBeNull();
});

test("a conditional GET answered 304 comes back as 304 with its ETag and no body", async () => {
  fake.failNext("api", { status: 304, headers: { ETag: '"bitbucket-etag"', "X-RateLimit-Remaining": "997" } });
  const response = await proxyGet("2.0/user", { "if-none-match": '"bitbucket-etag"' });
  expect(response.status).toBe(304);
  expect(response.headers.get("etag")).toBe('"bitbucket-etag"');
  expect(response.headers.get("x-ratelimit-remaining")).toBe("997");
  expect(response.body).toBeNull();
  expect(fake.lastApiRequest()!.headers["if-none-match"]).toBe('"bitbucket-etag"');
});

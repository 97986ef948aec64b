// Per API key rate limit on /api/v1 (here 5 a minute): the token read, which
// authenticates on its own fast path, and a route behind apiRoute. Time moves
// on a faked Date, not by sleeping.
import { afterAll, afterEach, describe, expect, test, vi } from "vitest";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { GET as tokenRoute } from "@/app/api/v1/connections/[connectionId]/token/route";
import { GET as applicationRoute } from "@/app/api/v1/application/route";
import { updateAllowedOrigins } from "@/lib/applications";
import { callRoute, makeApiKey, makeApplication, makeUser } from "../support/factories";
import { CALLBACK_URL, configureBitbucket, connectEndUser } from "../support/connect-flow";

process.env.API_RATE_LIMIT_PER_MINUTE = "5";
const consumer = { key: "limit-key", secret: "limit-secret-value", callbackUrl: CALLBACK_URL, permissions: ["account", "repository"] };
const fake = await startFakeBitbucket({ consumers: [consumer] });
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;
afterAll(() => fake.close());
afterEach(() => vi.useRealTimers());

const owner = await makeUser();
const application = await makeApplication(owner, "Rate limited app");
await configureBitbucket(owner, application.id, consumer);
await updateAllowedOrigins(owner, { applicationId: application.id, allowedOrigins: "https://app.example" });
const setupKey = (await makeApiKey(owner, application.id, "setup")).key;
const landing = await connectEndUser(setupKey, { endUserId: "limited", provider: "bitbucket", returnUrl: "https://app.example/" }, "ada");
const connectionId = landing.searchParams.get("connectionId")!;

const newKey = async () => (await makeApiKey(owner, application.id)).key;
const readToken = (apiKey: string) => callRoute(tokenRoute, { url: `/api/v1/connections/${connectionId}/token`, apiKey }, { connectionId });
const readApplication = (apiKey: string) => callRoute(applicationRoute, { url: "/api/v1/application", apiKey }, {});

async function expectRateLimited(response: Response): Promise<void> {
  expect(response.status).toBe(429);
  const retryAfter = response.headers.get("retry-after");
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(12);
  expect((await response.json()).error).toMatchObject({ code: "rate_limited", message: expect.stringContaining("5 per minute") });
}

describe.each([
  ["the token read", readToken],
  ["GET /api/v1/application", readApplication],
] as const)("API_RATE_LIMIT_PER_MINUTE=5 on %s", (_name, call) => {
  test("5 calls in a burst pass; the 6th answers 429 with Retry-After; another key is unaffected", async () => {
    const key = await newKey();
    for (let i = 0; i < 5; i += 1) expect((await call(key)).status).toBe(200);
    await expectRateLimited(await call(key));
    expect((await call(await newKey())).status).toBe(200);
  });

  test("after 12 seconds one call passes again, and the next is refused", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const key = await newKey();
    for (let i = 0; i < 5; i += 1) expect((await call(key)).status).toBe(200);
    await expectRateLimited(await call(key));
    vi.setSystemTime(Date.now() + 12_000);
    expect((await call(key)).status).toBe(200);
    await expectRateLimited(await call(key));
  });
});

test("the token read and the other routes draw on one allowance per key", async () => {
  const key = await newKey();
  for (let i = 0; i < 3; i += 1) expect((await readToken(key)).status).toBe(200);
  for (let i = 0; i < 2; i += 1) expect((await readApplication(key)).status).toBe(200);
  await expectRateLimited(await readToken(key));
  await expectRateLimited(await readApplication(key));
});

test("API_RATE_LIMIT_PER_MINUTE=0 turns the limit off", async () => {
  process.env.API_RATE_LIMIT_PER_MINUTE = "0";
  vi.resetModules();
  const { GET: freshApplicationRoute } = await import("@/app/api/v1/application/route");
  const key = await newKey();
  const statuses = [];
  for (let i = 0; i < 20; i += 1) statuses.push((await callRoute(freshApplicationRoute, { url: "/api/v1/application", apiKey: key }, {})).status);
  expect(statuses).toEqual(Array(20).fill(200));
});

// States and connect links are single-use even when two requests race: both
// requests pass every read-side check before either claims, so only the
// compare-and-set claims (`usedAt: null` in the update's where clause) decide.
import { afterAll, beforeEach, expect, test } from "vitest";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { updateAllowedOrigins } from "@/lib/applications";
import { db } from "@/lib/db";
import { makeApiKey, makeApplication, makeUser } from "../support/factories";
import { authorize, callback, configureBitbucket, connectToken, decide, CALLBACK_URL } from "../support/connect-flow";

const consumer = { key: "single-use-key", secret: "single-use-secret", callbackUrl: CALLBACK_URL, permissions: ["account", "repository"] };
const fake = await startFakeBitbucket({ consumers: [consumer] });
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;
afterAll(() => fake.close());

/** Holds each code exchange long enough that both callbacks are past their reads before either writes. */
const TOKEN_DELAY_MS = 300;

const returnUrl = "https://app.example/done";
const owner = await makeUser();
const application = await makeApplication(owner, "Single Use");
await updateAllowedOrigins(owner, { applicationId: application.id, allowedOrigins: "https://app.example" });
const { key: apiKey } = await makeApiKey(owner, application.id);
await configureBitbucket(owner, application.id, consumer);

beforeEach(async () => {
  fake.clearFailures();
  fake.resetStats();
  await (await db()).connection.deleteMany({});
});

/** What the end user's browser lands on after each callback: `success` or the failure's code. */
function outcomes(landings: URL[]): string[] {
  return landings.map((landing) => (landing.searchParams.get("status") === "success" ? "success" : landing.searchParams.get("error")!)).sort();
}

test("two concurrent callbacks with the same state: one connection, and the code goes to Bitbucket once", async () => {
  const token = await connectToken(apiKey, { endUserId: "same-state", provider: "bitbucket", returnUrl });
  const { location, cookie } = await authorize(token);
  const callbackUrl = await decide(location, "grant");

  fake.delayNext("token", TOKEN_DELAY_MS, 2);
  const landings = await Promise.all([callback(callbackUrl, cookie), callback(callbackUrl, cookie)]);

  expect(outcomes(landings)).toEqual(["state_used", "success"]);
  expect(await (await db()).connection.count({ where: { endUserId: "same-state" } })).toBe(1);
  // A code replayed at the provider can make it revoke what the code issued (RFC 6749 §4.1.2).
  expect(fake.stats().tokenRequests.authorization_code).toBe(1);
});

test("two concurrent uses of one connect link: one connection, one success, the other told the link was used", async () => {
  const token = await connectToken(apiKey, { endUserId: "same-link", provider: "bitbucket", returnUrl });
  // The same link opened twice (two tabs): two states of one connect session, each granted by a different account.
  const first = await authorize(token);
  const second = await authorize(token, first.cookie);
  const callbacks = [await decide(first.location, "grant", "ada"), await decide(second.location, "grant", "grace")];

  fake.delayNext("token", TOKEN_DELAY_MS, 2);
  const landings = await Promise.all([callback(callbacks[0]!, first.cookie), callback(callbacks[1]!, second.cookie)]);

  expect(outcomes(landings)).toEqual(["session_unusable", "success"]);
  const connections = await (await db()).connection.findMany({ where: { endUserId: "same-link" } });
  expect(connections).toHaveLength(1);
  const winner = landings.find((landing) => landing.searchParams.get("status") === "success")!;
  expect(connections[0]!.id).toBe(winner.searchParams.get("connectionId"));
});

// The refresh storm across processes: two separate server processes share one
// database (run it on PostgreSQL for the scale-out case); 200 concurrent reads
// of one expired connection must cause exactly one refresh at Bitbucket.
// The race is made real: both processes are warm (a read each first), the
// fake's token endpoint is slow, and the second process's reads start only
// once the first process's refresh has reached Bitbucket, so they meet the
// lease while that refresh is in flight: only the lease's compare-and-set
// keeps the second process from refreshing too.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, expect, test } from "vitest";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { updateAllowedOrigins } from "@/lib/applications";
import { openToken } from "@/lib/connections/sealing";
import { makeApiKey, makeApplication, makeUser } from "../support/factories";
import { CALLBACK_URL, configureBitbucket, connectEndUser } from "../support/connect-flow";
import { expireIn, stored } from "../support/connections";

const consumer = { key: "storm-key", secret: "storm-secret-value", callbackUrl: CALLBACK_URL, permissions: ["account", "repository"] };
const fake = await startFakeBitbucket({ consumers: [consumer], refreshMode: "rotating", rotatedRefreshTokenGraceSeconds: 0 });
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;
process.env.PROVIDER_TIMEOUT_MS = "15000";

/** Longer than the second process needs to reach the lease on a busy machine, shorter than the provider timeout. */
const REFRESH_DELAY_MS = 5_000;

const servers: ChildProcess[] = [];
afterAll(async () => {
  for (const server of servers) server.kill("SIGTERM");
  await fake.close();
});

async function startServerProcess(): Promise<string> {
  const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "tests/support/route-server.ts"], {
    env: { ...process.env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  servers.push(child);
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /^listening (\d+)$/.exec(line);
    if (match) return `http://127.0.0.1:${match[1]}`;
  }
  throw new Error("the server process exited before listening");
}

test("200 concurrent reads across two server processes cause one refresh and 200 correct answers", async () => {
  const owner = await makeUser();
  const application = await makeApplication(owner);
  await updateAllowedOrigins(owner, { applicationId: application.id, allowedOrigins: "https://app.example" });
  const { key } = await makeApiKey(owner, application.id);
  await configureBitbucket(owner, application.id, consumer);
  const landing = await connectEndUser(key, { endUserId: "storm", provider: "bitbucket", returnUrl: "https://app.example/" });
  const connectionId = landing.searchParams.get("connectionId")!;

  const bases = await Promise.all([startServerProcess(), startServerProcess()]);
  for (const base of bases) {
    const warmUp = await fetch(`${base}/api/v1/connections/${connectionId}/token`, { headers: { authorization: `Bearer ${key}` } });
    expect(warmUp.status).toBe(200);
  }
  await expireIn(connectionId, -60);
  fake.resetStats();
  fake.delayNext("token", REFRESH_DELAY_MS);

  const read = async (base: string) => {
    const response = await fetch(`${base}/api/v1/connections/${connectionId}/token`, { headers: { authorization: `Bearer ${key}` } });
    return { status: response.status, body: (await response.json()) as { accessToken: string } };
  };
  const firstHalf = Array.from({ length: 100 }, () => read(bases[0]));
  await expect.poll(() => fake.stats().tokenRequests.refresh_token, { interval: 10, timeout: REFRESH_DELAY_MS }).toBe(1);
  const secondHalf = Array.from({ length: 100 }, () => read(bases[1]));
  const answers = await Promise.all([...firstHalf, ...secondHalf]);

  expect(fake.stats().tokenRequests.refresh_token).toBe(1);
  expect(answers.map((answer) => answer.status)).toEqual(Array(200).fill(200));
  const current = openToken(connectionId, "accessToken", (await stored(connectionId)).accessToken!).reveal();
  expect(new Set(answers.map((answer) => answer.body.accessToken))).toEqual(new Set([current]));
}, 60_000);

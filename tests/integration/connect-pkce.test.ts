// PKCE in the connect dance (RFC 7636): a verifier per state, sealed with it, its S256 challenge on
// the authorize URL, and a callback whose state holds no verifier refused as state_invalid. Run on
// Bitbucket's declaration with PKCE switched on: the fake Bitbucket ignores the challenge, so what
// is tested is the vault's side (the PKCE providers' fakes check the verifier in provider-client.test.ts).
import { afterAll, expect, test } from "vitest";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { beginAuthorization, completeAuthorization } from "@/lib/connect";
import { hashToken, openSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { codeChallengeOf } from "@/lib/provider-client";
import { bitbucket } from "@/lib/providers/bitbucket";
import { makeApiKey, makeApplication, makeUser } from "../support/factories";
import { configureBitbucket, connectToken, decide, CALLBACK_URL } from "../support/connect-flow";

const consumer = { key: "pkce-key", secret: "pkce-secret", callbackUrl: CALLBACK_URL, permissions: ["account", "repository"] };
const fake = await startFakeBitbucket({ consumers: [consumer] });
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;
afterAll(() => fake.close());

const withPkce = { ...bitbucket, pkce: true };
const owner = await makeUser();
const application = await makeApplication(owner, "PKCE");
const { key: apiKey } = await makeApiKey(owner, application.id);
await configureBitbucket(owner, application.id, consumer);

async function begin(provider: typeof bitbucket, endUserId: string) {
  const token = await connectToken(apiKey, { endUserId, provider: "bitbucket" });
  const outcome = await beginAuthorization(provider, { connectToken: token, browserBinding: undefined, ipAddress: null });
  if (outcome.kind !== "redirect") throw new Error(`authorize failed: ${outcome.code}`);
  return { url: new URL(outcome.redirectTo), browserBinding: outcome.browserBinding };
}

async function finish(provider: typeof bitbucket, started: { url: URL; browserBinding: string }) {
  const callbackUrl = new URL(await decide(started.url.href, "grant"));
  return completeAuthorization(provider, { query: callbackUrl.searchParams, browserBinding: started.browserBinding, ipAddress: null });
}

async function storedState(url: URL) {
  return (await db()).oAuthState.findUniqueOrThrow({ where: { stateHash: hashToken(url.searchParams.get("state")!) } });
}

test("each state gets its own verifier, stored sealed to the state; the authorize URL carries its S256 challenge", async () => {
  const first = await begin(withPkce, "pkce-1");
  const second = await begin(withPkce, "pkce-2");
  expect(first.url.searchParams.get("code_challenge_method")).toBe("S256");

  const verifiers: string[] = [];
  for (const started of [first, second]) {
    const state = await storedState(started.url);
    const verifier = openSecret(state.codeVerifier!, { table: "OAuthState", rowId: state.id, field: "codeVerifier" }).reveal();
    expect(state.codeVerifier).not.toContain(verifier);
    expect(await codeChallengeOf(verifier)).toBe(started.url.searchParams.get("code_challenge"));
    verifiers.push(verifier);
  }
  expect(verifiers[0]).not.toBe(verifiers[1]);
});

test("the callback of a state with its verifier connects", async () => {
  const outcome = await finish(withPkce, await begin(withPkce, "pkce-ok"));
  expect(outcome.kind).toBe("connected");
});

test("a callback whose state holds no verifier fails as state_invalid, and Bitbucket is not asked", async () => {
  fake.resetStats();
  // A state issued before PKCE was on for the provider.
  const issuedWithout = await begin(bitbucket, "pkce-none");
  expect(issuedWithout.url.searchParams.has("code_challenge")).toBe(false);
  expect(await finish(withPkce, issuedWithout)).toMatchObject({ kind: "failed", code: "state_invalid" });

  const cleared = await begin(withPkce, "pkce-cleared");
  await (await db()).oAuthState.update({ where: { id: (await storedState(cleared.url)).id }, data: { codeVerifier: null } });
  expect(await finish(withPkce, cleared)).toMatchObject({ kind: "failed", code: "state_invalid" });

  expect(fake.stats().tokenRequests.authorization_code).toBe(0);
  expect(await (await db()).connection.count({ where: { endUserId: { in: ["pkce-none", "pkce-cleared"] } } })).toBe(0);
});

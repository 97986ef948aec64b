// A token the provider says never expires (no expires_in and no refresh token, as GitHub's classic
// OAuth App tokens) is stored without expiry: the vault hands it out as it is, never tries to
// refresh it nor calls it stale; only the provider's 401 sends its end user back to reconnect.
// Stored here through a Bitbucket connection whose row is made to look like such a token.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { GET as tokenRoute } from "@/app/api/v1/connections/[connectionId]/token/route";
import { GET as proxyGet } from "@/app/api/v1/connections/[connectionId]/proxy/[...path]/route";
import { refreshDueConnections } from "@/lib/connections/background";
import { db } from "@/lib/db";
import { callRoute, makeApiKey, makeApplication, makeUser } from "../support/factories";
import { CALLBACK_URL, configureBitbucket, connectEndUser } from "../support/connect-flow";
import { stored } from "../support/connections";

const consumer = { key: "forever-key", secret: "forever-secret", callbackUrl: CALLBACK_URL, permissions: ["account", "repository"] };
const fake = await startFakeBitbucket({ consumers: [consumer] });
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;
afterAll(() => fake.close());

const owner = await makeUser();
const application = await makeApplication(owner, "Never expiring");
const { key: apiKey } = await makeApiKey(owner, application.id);
await configureBitbucket(owner, application.id, consumer);

let connectionId: string;
beforeAll(async () => {
  await connectEndUser(apiKey, { endUserId: "forever", provider: "bitbucket" });
  const prisma = await db();
  ({ id: connectionId } = await prisma.connection.findFirstOrThrow({ where: { endUserId: "forever" } }));
  await prisma.connection.update({ where: { id: connectionId }, data: { expiresAt: null, refreshToken: null } });
  fake.resetStats();
});

const readToken = () => callRoute(tokenRoute, { url: `/api/v1/connections/${connectionId}/token`, apiKey }, { connectionId });

test("the token is handed out as stored, with no expiry, and the provider is never asked to refresh it", async () => {
  for (let read = 0; read < 3; read += 1) {
    const response = await readToken();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ expiresAt: null });
  }
  expect(await refreshDueConnections()).toMatchObject({ due: 0 });
  expect(fake.stats().tokenRequests).toMatchObject({ refresh_token: 0 });
  expect((await stored(connectionId)).status).toBe("ACTIVE");
});

test("a 401 from the API for it means the end user must reconnect", async () => {
  fake.revokeGrant("ada", consumer.key);
  const response = await callRoute(proxyGet, { url: `/api/v1/connections/${connectionId}/proxy/2.0/user`, apiKey }, { connectionId, path: ["2.0", "user"] });
  expect(response.status).toBe(424);
  expect((await stored(connectionId)).status).toBe("NEEDS_REAUTH");
});

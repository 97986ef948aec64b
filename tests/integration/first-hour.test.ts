// The portal's "try it without code" pieces, against the fake Bitbucket over real HTTP: a test
// connection the developer makes in the portal (the API's connect link, recorded as theirs, that
// comes back to the portal), and "Get token" (the API's fresh token, audited as the user).
import { afterAll, describe, expect, test } from "vitest";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { userActor } from "@/lib/audit";
import { createTestConnectSession } from "@/lib/connect";
import { disconnect, readTokenForActor } from "@/lib/connections";
import { onboardingProgress } from "@/lib/onboarding";
import { updateAllowedOrigins } from "@/lib/applications";
import { GET as tokenRoute } from "@/app/api/v1/connections/[connectionId]/token/route";
import { openToken } from "@/lib/connections/sealing";
import { db } from "@/lib/db";
import { ConnectionRevoked, NotFound, ValidationFailed } from "@/lib/errors";
import { callRoute, makeApiKey, makeApplication, makeUser } from "../support/factories";
import { authorize, callback, CALLBACK_URL, configureBitbucket, connectEndUser, createConnectSession, decide } from "../support/connect-flow";
import { expireIn, stored } from "../support/connections";

const consumer = { key: "first-hour-key", secret: "first-hour-secret", callbackUrl: CALLBACK_URL, permissions: ["account", "repository"] };
const fake = await startFakeBitbucket({ consumers: [consumer] });
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;
afterAll(() => fake.close());

const owner = await makeUser();
const stranger = await makeUser();
const application = await makeApplication(owner, "First hour");
await configureBitbucket(owner, application.id, consumer);
const landing = `/applications/${application.id}/connections/connected?provider=bitbucket`;

/** The developer's test connection, connected as `account` at the fake: where the end user's tab lands. */
async function testConnection(endUserId = "test-user", account = "ada"): Promise<URL> {
  const { connectUrl } = await createTestConnectSession(owner, { applicationId: application.id, endUserId, provider: "bitbucket" }, landing, null);
  const { location, cookie } = await authorize(connectUrl.split("/connect/")[1]!);
  return callback(await decide(location, "grant", account), cookie);
}

describe("Test connection from the portal", () => {
  test("is a single-use connect link recorded as made by the developer, which brings the end user back to the portal's new connection", async () => {
    const back = await testConnection();
    expect(back.origin + back.pathname).toBe(`http://localhost:3999/applications/${application.id}/connections/connected`);
    expect(back.searchParams.get("status")).toBe("success");
    expect(back.searchParams.get("provider")).toBe("bitbucket");
    const connection = await stored(back.searchParams.get("connectionId")!);
    expect(connection).toMatchObject({ applicationId: application.id, endUserId: "test-user", status: "ACTIVE" });

    const prisma = await db();
    const [made] = await prisma.auditEvent.findMany({
      where: { applicationId: application.id, action: "connect_session.created" },
      orderBy: { createdAt: "desc" },
      take: 1,
    });
    expect(made).toMatchObject({ actorType: "USER", actorId: owner.userId });
    expect(JSON.parse(made!.details)).toMatchObject({ endUserId: "test-user", provider: "bitbucket" });
    const session = await prisma.connectSession.findFirstOrThrow({ where: { id: JSON.parse(made!.details).connectSessionId as string } });
    expect(session.usedAt).not.toBeNull();
  });

  test("the end-user id is checked as the API checks it, and another developer's application is not found", async () => {
    const refused = await createTestConnectSession(owner, { applicationId: application.id, endUserId: "  ", provider: "bitbucket" }, landing, null).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ValidationFailed);
    expect((refused as ValidationFailed).issues[0]).toMatchObject({ path: "endUserId" });
    await expect(
      createTestConnectSession(stranger, { applicationId: application.id, endUserId: "test-user", provider: "bitbucket" }, landing, null),
    ).rejects.toBeInstanceOf(NotFound);
  });

  test("the portal is a return origin only for links made in the portal: the API may not send end users there", async () => {
    const { key } = await makeApiKey(owner, application.id);
    const response = await createConnectSession(key, { endUserId: "x", provider: "bitbucket", returnUrl: `http://localhost:3999${landing}` });
    expect(response.status).toBe(400);
  });
});

describe("Get token in the portal", () => {
  test("hands out the fresh token the API would, and records the read as the signed-in user's", async () => {
    const connectionId = (await testConnection("token-user")).searchParams.get("connectionId")!;
    await expireIn(connectionId, 60); // inside the refresh margin: the read refreshes first
    const { token, applicationId } = await readTokenForActor(owner, connectionId, "127.0.0.1");
    expect(applicationId).toBe(application.id);
    const after = await stored(connectionId);
    expect(token.accessToken).toBe(openToken(connectionId, "accessToken", after.accessToken!).reveal());
    expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 3600_000);
    expect(token).toMatchObject({ tokenType: "bearer", expiresAt: after.expiresAt!.toISOString(), scopes: expect.arrayContaining(["account"]) as string[] });

    const reads = await (await db()).auditEvent.findMany({ where: { connectionId, action: "connection.token_read" } });
    expect(reads.map((event) => [event.actorType, event.actorId, event.ipAddress])).toEqual([["USER", owner.userId, "127.0.0.1"]]);
    expect(JSON.stringify(reads)).not.toContain(token.accessToken);
  });

  test("another developer gets NotFound and nothing is recorded; a disconnected connection says it has no token", async () => {
    const connectionId = (await testConnection("other-user", "grace")).searchParams.get("connectionId")!;
    await expect(readTokenForActor(stranger, connectionId, null)).rejects.toBeInstanceOf(NotFound);
    await disconnect(await stored(connectionId), userActor(owner));
    await expect(readTokenForActor(owner, connectionId, null)).rejects.toBeInstanceOf(ConnectionRevoked);
    expect(await (await db()).auditEvent.count({ where: { connectionId, action: "connection.token_read" } })).toBe(0);
  });
});

describe("the Overview's checklist", () => {
  test("ticks each step from what happened: a provider, an API key, a return origin, then a connect link and a token read made by the backend (not in the portal)", async () => {
    const fresh = await makeApplication(owner, "Checklist");
    const done = async () => (await onboardingProgress(owner, fresh.id)).done;
    expect(await done()).toEqual({ provider: false, apiKey: false, returnOrigin: false, connectLink: false, tokenRead: false });

    await configureBitbucket(owner, fresh.id, consumer);
    const { key } = await makeApiKey(owner, fresh.id);
    await updateAllowedOrigins(owner, { applicationId: fresh.id, allowedOrigins: "https://app.example" });
    expect(await done()).toEqual({ provider: true, apiKey: true, returnOrigin: true, connectLink: false, tokenRead: false });

    // Made and read in the portal: the backend has still done neither.
    await createTestConnectSession(owner, { applicationId: fresh.id, endUserId: "test-user", provider: "bitbucket" }, "/", null);
    expect((await done()).connectLink).toBe(false);
    await connectEndUser(key, { endUserId: "user-1", provider: "bitbucket" });
    expect(await done()).toMatchObject({ connectLink: true, tokenRead: false });
    const connectionId = (await (await db()).connection.findFirstOrThrow({ where: { applicationId: fresh.id } })).id;
    await readTokenForActor(owner, connectionId, null);
    expect((await done()).tokenRead).toBe(false);

    const read = await callRoute(tokenRoute, { url: `/api/v1/connections/${connectionId}/token`, apiKey: key }, { connectionId });
    expect(read.status).toBe(200);
    expect(await onboardingProgress(owner, fresh.id)).toEqual({
      done: { provider: true, apiKey: true, returnOrigin: true, connectLink: true, tokenRead: true },
      example: { providerId: "bitbucket", connectionId, returnOrigin: "https://app.example" },
    });
    await expect(onboardingProgress(stranger, fresh.id)).rejects.toBeInstanceOf(NotFound);
  });
});

// The portal's credential reads ("Get token", "Try a request") are the application owner's
// alone: an admin reviews and disconnects any connection, but reading another developer's
// token is as "not found" to them as to a stranger. The actions run as Next.js runs them,
// with a real session cookie; only the request context Next.js would supply (the cookie and
// headers of the request, the cache to revalidate) is stood in for.
import { afterAll, beforeEach, describe, expect, test, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http";
import { startSession } from "@/lib/users";
import type { Actor } from "@/lib/actor";
import { makeApiKey, makeApplication, makeUser } from "../support/factories";
import { CALLBACK_URL, configureBitbucket, connectEndUser } from "../support/connect-flow";

const request = vi.hoisted(() => ({ cookie: "", address: "127.0.0.1", revalidated: [] as string[] }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ getAll: () => (request.cookie ? [{ name: "next-auth.session-token", value: request.cookie }] : []) }),
  headers: async () => new Headers({ [CLIENT_ADDRESS_HEADER]: request.address }),
}));
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => void request.revalidated.push(path) }));

const { getTokenAction, testConnectionAction, tryRequestAction } = await import("@/app/(portal)/applications/[applicationId]/connections/try-it-actions");
const { reconnectLinkAction } = await import("@/app/(portal)/applications/[applicationId]/connections/actions");

const consumer = { key: "credentials-key", secret: "credentials-secret", callbackUrl: CALLBACK_URL, permissions: ["account", "repository"] };
const fake = await startFakeBitbucket({ consumers: [consumer] });
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;
afterAll(() => fake.close());

const owner = await makeUser();
const stranger = await makeUser();
const admin = await makeUser("ADMIN");
const application = await makeApplication(owner, "Credentials");
await configureBitbucket(owner, application.id, consumer);
const { key } = await makeApiKey(owner, application.id);
const connectionId = (await connectEndUser(key, { endUserId: "user-1", provider: "bitbucket" })).searchParams.get("connection")!;

async function signIn(actor: Actor) {
  const user = await (await db()).user.findUniqueOrThrow({ where: { id: actor.userId } });
  const { expiresAt: _expiresAt, ...claims } = await startSession(user);
  request.cookie = await encode({ token: claims, secret: getConfig().authSecret });
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const tokenReads = async () => (await db()).auditEvent.findMany({ where: { connectionId, action: "connection.token_read" } });

beforeEach(() => {
  request.revalidated = [];
});

describe("Get token and Try a request in the portal", () => {
  test("the owner gets the token, recorded with their address; the revalidated page is the connection's application's, whatever was posted", async () => {
    await signIn(owner);
    request.address = "127.0.0.9";
    const state = await getTokenAction({ status: "idle" }, form({ connectionId, applicationId: "app_elsewhere" }));
    expect(state).toMatchObject({ status: "success", token: { tokenType: "bearer" } });
    expect((await tokenReads()).map((event) => [event.actorId, event.ipAddress])).toEqual([[owner.userId, "127.0.0.9"]]);
    expect(request.revalidated).toEqual([`/applications/${application.id}/connections`]);

    const tried = await tryRequestAction({ status: "idle" }, form({ connectionId }));
    expect(tried).toMatchObject({ status: "success", response: { status: 200 } });
  });

  test("a stranger and an admin who does not own the application get the same not found, for both, and nothing is read", async () => {
    const before = (await tokenReads()).length;
    const calls = fake.stats().apiRequests;
    for (const actor of [stranger, admin]) {
      await signIn(actor);
      expect(await getTokenAction({ status: "idle" }, form({ connectionId }))).toEqual({ status: "error", message: "The connection was not found." });
      expect(await tryRequestAction({ status: "idle" }, form({ connectionId }))).toEqual({ status: "error", message: "The connection was not found." });
    }
    expect((await tokenReads()).length).toBe(before);
    expect(fake.stats().apiRequests).toBe(calls);
  });

  test("an admin who owns the application may read its connections' tokens", async () => {
    const adminsApplication = await makeApplication(admin, "Admin's own");
    await configureBitbucket(admin, adminsApplication.id, consumer);
    const { key: adminsKey } = await makeApiKey(admin, adminsApplication.id);
    const own = (await connectEndUser(adminsKey, { endUserId: "user-2", provider: "bitbucket" }, "grace")).searchParams.get("connection")!;
    await signIn(admin);
    expect(await getTokenAction({ status: "idle" }, form({ connectionId: own }))).toMatchObject({ status: "success" });
    expect(await tryRequestAction({ status: "idle" }, form({ connectionId: own }))).toMatchObject({ status: "success" });
  });
});

describe("connect links made in the portal", () => {
  test("Test connection and Reconnect link record the address they were made from", async () => {
    await signIn(owner);
    request.address = "127.0.0.7";
    const made = await testConnectionAction({ status: "idle" }, form({ applicationId: application.id, endUserId: "try-user", provider: "bitbucket" }));
    expect(made.status).toBe("success");
    expect(made.message).toMatch(/until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\./);
    await (await db()).connection.update({ where: { id: connectionId }, data: { status: "NEEDS_REAUTH" } });
    expect((await reconnectLinkAction({ status: "idle" }, form({ connectionId }))).status).toBe("success");
    const sessions = await (await db()).auditEvent.findMany({ where: { applicationId: application.id, action: "connect_session.created", actorType: "USER" } });
    expect(sessions.map((event) => event.ipAddress)).toEqual(["127.0.0.7", "127.0.0.7"]);
  });
});

import { describe, expect, test } from "vitest";
import { GET as getApplicationRoute } from "@/app/api/v1/application/route";
import { GET as health } from "@/app/api/health/route";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys";
import { deleteApplication, getApplication, listApplications, renameApplication } from "@/lib/applications";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/crypto";
import { callRoute, makeApiKey, makeApplication, makeUser } from "../support/factories";
import { errorOf } from "../support/errors";

const callApplication = (apiKey?: string, headers?: Record<string, string>) =>
  callRoute(getApplicationRoute, { url: "/api/v1/application", apiKey, headers }, {});

describe("applications", () => {
  test("a developer sees only their own applications; an admin sees all", async () => {
    const alice = await makeUser();
    const bob = await makeUser();
    const admin = await makeUser("ADMIN");
    const aliceApp = await makeApplication(alice, "Alice's app");
    const bobApp = await makeApplication(bob, "Bob's app");
    expect((await listApplications(alice)).map((app) => app.id)).toEqual([aliceApp.id]);
    expect((await listApplications(admin)).map((app) => app.id)).toEqual(expect.arrayContaining([aliceApp.id, bobApp.id]));
    expect((await errorOf(getApplication(alice, bobApp.id))).status).toBe(404);
    expect((await errorOf(renameApplication(alice, { applicationId: bobApp.id, name: "mine now" }))).status).toBe(404);
    expect((await errorOf(deleteApplication(alice, bobApp.id))).status).toBe(404);
    expect((await getApplication(bob, bobApp.id)).name).toBe("Bob's app");
    await renameApplication(admin, { applicationId: bobApp.id, name: "Renamed by admin" });
    expect((await getApplication(bob, bobApp.id)).name).toBe("Renamed by admin");
  });

  test.each([
    ["", "Name is required."],
    ["   ", "Name is required."],
    ["x".repeat(101), "Name must be at most 100 characters."],
  ])("the name %j is refused with a clear message and nothing is saved", async (name, message) => {
    const owner = await makeUser();
    const app = await makeApplication(owner, "Original");
    expect((await errorOf(makeApplication(owner, name))).details).toEqual({ issues: [{ path: "name", message }] });
    expect((await errorOf(renameApplication(owner, { applicationId: app.id, name }))).details).toEqual({ issues: [{ path: "name", message }] });
    expect((await getApplication(owner, app.id)).name).toBe("Original");
    expect(await (await db()).application.count({ where: { ownerId: owner.userId } })).toBe(1);
  });

  test("deleting an application deletes its API keys, and they stop working", async () => {
    const owner = await makeUser();
    const app = await makeApplication(owner);
    const { key } = await makeApiKey(owner, app.id);
    await deleteApplication(owner, app.id);
    expect((await callApplication(key)).status).toBe(401);
    expect(await (await db()).apiKey.count({ where: { applicationId: app.id } })).toBe(0);
  });

  test("every change is in the audit log", async () => {
    const owner = await makeUser();
    const app = await makeApplication(owner);
    await renameApplication(owner, { applicationId: app.id, name: "New name" });
    const actions = (await (await db()).auditEvent.findMany({ where: { applicationId: app.id }, orderBy: { createdAt: "asc" } })).map((event) => event.action);
    expect(actions).toEqual(["application.created", "application.renamed"]);
  });
});

describe("API keys", () => {
  test("a key is lk_-prefixed, stored only as a hash, listed by name and prefix, and works against /api/v1", async () => {
    const owner = await makeUser();
    const app = await makeApplication(owner, "Keyed app");
    const { key, apiKey } = await createApiKey(owner, { applicationId: app.id, name: "ci" });
    expect(key).toMatch(/^lk_[A-Za-z0-9_-]{40,}$/);
    const stored = await (await db()).apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(stored.hash).toBe(hashToken(key));
    expect(JSON.stringify(stored)).not.toContain(key);
    const [listed] = await listApiKeys(owner, app.id);
    expect(listed).toMatchObject({ name: "ci", prefix: key.slice(0, 10), lastUsedAt: null });
    expect(listed).not.toHaveProperty("hash");

    const response = await callApplication(key);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: app.id, name: "Keyed app" });
    expect((await listApiKeys(owner, app.id))[0]!.lastUsedAt).not.toBeNull();
  });

  test("a revoked key stops working at once", async () => {
    const owner = await makeUser();
    const app = await makeApplication(owner);
    const { key, apiKey } = await makeApiKey(owner, app.id);
    expect((await callApplication(key)).status).toBe(200);
    await revokeApiKey(owner, app.id, apiKey.id);
    const response = await callApplication(key);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthenticated", message: "This API key has been revoked." } });
  });

  test.each([
    ["no header", undefined, undefined],
    ["a malformed header", undefined, { authorization: "Basic abc" }],
    ["an unknown key", "lk_unknownunknownunknownunknownunknownunknown", undefined],
    ["a key without the prefix", "sk_live_123", undefined],
  ])("%s gets 401 in the error envelope", async (_name, apiKey, headers) => {
    const response = await callApplication(apiKey, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/Bearer/);
    expect((await response.json()).error.code).toBe("unauthenticated");
  });

  test("one developer cannot create, list or revoke keys of another's application", async () => {
    const alice = await makeUser();
    const mallory = await makeUser();
    const app = await makeApplication(alice);
    const { apiKey } = await makeApiKey(alice, app.id);
    expect((await errorOf(createApiKey(mallory, { applicationId: app.id, name: "stolen" }))).status).toBe(404);
    expect((await errorOf(listApiKeys(mallory, app.id))).status).toBe(404);
    expect((await errorOf(revokeApiKey(mallory, app.id, apiKey.id))).status).toBe(404);
    expect(await (await db()).apiKey.count({ where: { applicationId: app.id } })).toBe(1);
  });

  test("a key answers for its own application only", async () => {
    const alice = await makeUser();
    const bob = await makeUser();
    const aliceApp = await makeApplication(alice, "Alice's");
    await makeApplication(bob, "Bob's");
    const { key } = await makeApiKey(alice, aliceApp.id);
    expect((await (await callApplication(key)).json()).name).toBe("Alice's");
  });

  test("an empty or over-long key name is refused and nothing is created", async () => {
    const owner = await makeUser();
    const app = await makeApplication(owner);
    expect((await errorOf(createApiKey(owner, { applicationId: app.id, name: " " }))).code).toBe("validation_failed");
    expect((await errorOf(createApiKey(owner, { applicationId: app.id, name: "k".repeat(101) }))).code).toBe("validation_failed");
    expect(await listApiKeys(owner, app.id)).toEqual([]);
  });
});

describe("health", () => {
  test("answers 200 with the database's state", async () => {
    const response = await health();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });
});

// Developers set up an OAuth provider for their application: the rules of
// issue 3, checked through the domain against a real database and the fake Bitbucket.
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/actor";
import { openSecret } from "@/lib/crypto";
import { db, type ConnectionStatus } from "@/lib/db";
import { NotFound, ValidationFailed } from "@/lib/errors";
import { newId } from "@/lib/ids";
import {
  countDependentConnections,
  deleteProviderConfig,
  getProviderConfig,
  listProviderConfigs,
  loadProviderCredentials,
  saveProviderConfig,
  setProviderEnabled,
  verifyProviderCredentials,
} from "@/lib/provider-configs";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { makeApplication, makeUser } from "../support/factories";

const KEY = "consumer-key-1";
const SECRET = "consumer-secret-7f3a9c";
const NEW_SECRET = "consumer-secret-rotated-51be";

const fake = await startFakeBitbucket({
  consumers: [
    { key: KEY, secret: SECRET, callbackUrl: "http://localhost:3999/api/oauth/bitbucket/callback", permissions: ["account", "repository"] },
    { key: "other-key", secret: NEW_SECRET, callbackUrl: "http://localhost:3999/api/oauth/bitbucket/callback", permissions: ["account"] },
  ],
});
// The provider's hosts come from its data, overridden by these (read at call time).
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;
afterAll(() => fake.close());
beforeEach(() => fake.clearFailures());

let developer: Actor;
let applicationId: string;

beforeEach(async () => {
  developer = await makeUser();
  applicationId = (await makeApplication(developer)).id;
});

function bitbucketSettings(overrides: Record<string, unknown> = {}) {
  return { applicationId, provider: "bitbucket", clientId: KEY, clientSecret: SECRET, scopes: ["account", "repository"], ...overrides };
}

async function storedRows() {
  return (await db()).providerConfig.findMany({ where: { applicationId } });
}

async function auditActions() {
  const events = await (await db()).auditEvent.findMany({ where: { applicationId }, orderBy: [{ createdAt: "asc" }] });
  return events.filter((event) => event.action.startsWith("provider.")).map((event) => ({ action: event.action, details: JSON.parse(event.details) }));
}

async function validationIssues(work: Promise<unknown>): Promise<Record<string, string>> {
  const error = await work.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ValidationFailed);
  // The first message per field, as the form shows it.
  return Object.fromEntries((error as ValidationFailed).issues.toReversed().map((issue) => [issue.path, issue.message]));
}

describe("saving a provider", () => {
  test("stores it Active with the required scopes and the client secret sealed to its row", async () => {
    const saved = await saveProviderConfig(developer, bitbucketSettings());
    expect(saved).toMatchObject({ outcome: "created", credentialCheck: "valid" });
    expect(saved.config).toMatchObject({ provider: "bitbucket", clientId: KEY, scopes: ["account", "repository"], enabled: true });
    expect(JSON.stringify(saved)).not.toContain(SECRET);

    const [row] = await storedRows();
    expect(row!.clientSecret).not.toContain(SECRET);
    expect(openSecret(row!.clientSecret, { table: "ProviderConfig", rowId: row!.id, field: "clientSecret" }).reveal()).toBe(SECRET);

    const loaded = await loadProviderCredentials(applicationId, "bitbucket");
    expect(loaded!.credentials.clientId).toBe(KEY);
    expect(loaded!.credentials.clientSecret.reveal()).toBe(SECRET);
    expect(loaded!.requiredScopes).toEqual(["account", "repository"]);
  });

  test("scopes are stored once each, in the catalog's order, whatever order they were ticked in", async () => {
    const saved = await saveProviderConfig(developer, bitbucketSettings({ scopes: ["pullrequest", "account", "pullrequest", "email"] }));
    expect(saved.config.scopes).toEqual(["account", "pullrequest", "email"]);
  });

  const badInputs: [string, Record<string, unknown>, string, RegExp][] = [
    ["an empty Client ID", { clientId: "" }, "clientId", /Client ID is required/],
    ["a whitespace-only Client ID", { clientId: "   " }, "clientId", /Client ID is required/],
    ["a Client ID over 1,000 characters", { clientId: "k".repeat(1001) }, "clientId", /at most 1000/],
    ["a whitespace-only Client Secret", { clientSecret: " \t " }, "clientSecret", /only spaces/],
    ["a Client Secret over 1,000 characters", { clientSecret: "s".repeat(1001) }, "clientSecret", /at most 1000/],
    ["an empty Client Secret on the first save", { clientSecret: "" }, "clientSecret", /Client Secret is required/],
    ["an unknown scope", { scopes: ["account", "admin:everything"] }, "scopes", /no scope called admin:everything/],
    ["no scope at all", { scopes: [] }, "scopes", /at least one scope/],
    ["no scopes field", { scopes: undefined }, "scopes", /at least one scope/],
    ["scopes without account", { scopes: ["repository"] }, "scopes", /account is needed: .*which Bitbucket account connected/],
  ];

  test.each(badInputs)("%s is refused beside its field and nothing is saved", async (_case, override, field, message) => {
    const issues = await validationIssues(saveProviderConfig(developer, bitbucketSettings(override)));
    expect(issues[field]).toMatch(message);
    expect(await storedRows()).toEqual([]);
  });

  test("a first save with every field wrong names each field at once, so the form can list them all", async () => {
    const issues = await validationIssues(saveProviderConfig(developer, bitbucketSettings({ clientId: "", clientSecret: "", scopes: [] })));
    expect(issues).toEqual({ clientId: "Client ID is required.", clientSecret: "Client Secret is required.", scopes: "Choose at least one scope." });
    const verifyIssues = await validationIssues(verifyProviderCredentials(developer, bitbucketSettings({ clientId: "", clientSecret: "" })));
    expect(verifyIssues).toEqual({ clientId: "Client ID is required.", clientSecret: "Enter the Client Secret to verify it." });
  });

  test("a forged provider id is refused and nothing is saved", async () => {
    const error = await saveProviderConfig(developer, bitbucketSettings({ provider: "sourcehut" })).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).issues[0]).toMatchObject({ path: "provider" });
    expect(await storedRows()).toEqual([]);
    await expect(getProviderConfig(developer, applicationId, "sourcehut")).rejects.toBeInstanceOf(NotFound);
    await expect(setProviderEnabled(developer, applicationId, "../bitbucket", false)).rejects.toBeInstanceOf(NotFound);
  });

  test("two saves at once (double click, two tabs) leave one configuration", async () => {
    const results = await Promise.all([saveProviderConfig(developer, bitbucketSettings()), saveProviderConfig(developer, bitbucketSettings())]);
    expect(results.map((result) => result.outcome).sort()).toEqual(["created", "unchanged"]);
    expect(await storedRows()).toHaveLength(1);
    expect((await auditActions()).map((event) => event.action)).toEqual(["provider.created"]);
  });

  test("saves even when the credentials are wrong or Bitbucket cannot be reached, and says which", async () => {
    const rejected = await saveProviderConfig(developer, bitbucketSettings({ clientSecret: "not-the-secret" }));
    expect(rejected).toMatchObject({ outcome: "created", credentialCheck: "invalid" });
    fake.failNext("token", { status: 503 });
    const unreachable = await saveProviderConfig(developer, bitbucketSettings());
    expect(unreachable).toMatchObject({ outcome: "updated", credentialCheck: "unreachable" });
    expect((await loadProviderCredentials(applicationId, "bitbucket"))!.credentials.clientSecret.reveal()).toBe(SECRET);
  });
});

describe("editing a provider", () => {
  test("an empty Secret field keeps the stored secret; scopes and Client ID change and the audit log says from what to what", async () => {
    const first = await saveProviderConfig(developer, bitbucketSettings());
    const edited = await saveProviderConfig(developer, bitbucketSettings({ clientId: "other-key", clientSecret: "", scopes: ["account", "pipeline"] }));
    expect(edited.outcome).toBe("updated");
    expect(edited.config).toMatchObject({ clientId: "other-key", scopes: ["account", "pipeline"] });
    expect(edited.config.secretUpdatedAt).toEqual(first.config.secretUpdatedAt);
    expect((await loadProviderCredentials(applicationId, "bitbucket"))!.credentials.clientSecret.reveal()).toBe(SECRET);
    // The stored secret was checked with the new Client ID, which it does not belong to.
    expect(edited.credentialCheck).toBe("invalid");

    const [, updated] = await auditActions();
    expect(updated).toEqual({
      action: "provider.updated",
      details: {
        provider: "bitbucket",
        changed: ["clientId", "scopes"],
        clientId: { from: KEY, to: "other-key" },
        scopes: { from: ["account", "repository"], to: ["account", "pipeline"] },
        secretReplaced: false,
        credentialCheck: "invalid",
      },
    });
  });

  test("replacing the secret re-seals it and records when it was set, never what it is", async () => {
    const first = await saveProviderConfig(developer, bitbucketSettings());
    const replaced = await saveProviderConfig(developer, bitbucketSettings({ clientId: "other-key", clientSecret: NEW_SECRET }));
    expect(replaced).toMatchObject({ outcome: "updated", credentialCheck: "valid" });
    expect(replaced.config.secretUpdatedAt.getTime()).toBeGreaterThanOrEqual(first.config.secretUpdatedAt.getTime());
    expect((await loadProviderCredentials(applicationId, "bitbucket"))!.credentials.clientSecret.reveal()).toBe(NEW_SECRET);
    expect((await auditActions())[1]!.details).toMatchObject({ changed: ["clientId", "clientSecret"], secretReplaced: true });
  });

  test("Disable and Enable: a disabled provider is still loaded for existing connections, marked disabled", async () => {
    await saveProviderConfig(developer, bitbucketSettings());
    expect((await setProviderEnabled(developer, applicationId, "bitbucket", false)).enabled).toBe(false);
    expect((await loadProviderCredentials(applicationId, "bitbucket"))!.config.enabled).toBe(false);
    expect((await setProviderEnabled(developer, applicationId, "bitbucket", true)).enabled).toBe(true);
    expect((await auditActions()).map((event) => event.action)).toEqual(["provider.created", "provider.disabled", "provider.enabled"]);
  });
});

describe("verifying credentials", () => {
  test("Bitbucket's answer tells right credentials from wrong ones, and an outage from both", async () => {
    expect(await verifyProviderCredentials(developer, bitbucketSettings())).toBe("valid");
    expect(await verifyProviderCredentials(developer, bitbucketSettings({ clientSecret: "not-the-secret" }))).toBe("invalid");
    expect(await verifyProviderCredentials(developer, bitbucketSettings({ clientId: "no-such-consumer" }))).toBe("invalid");
    fake.failNext("token", { status: 503 });
    expect(await verifyProviderCredentials(developer, bitbucketSettings())).toBe("unreachable");
    const results = (await auditActions()).map((event) => event.details.result);
    expect(results).toEqual(["valid", "invalid", "invalid", "unreachable"]);
    expect(await storedRows()).toEqual([]);
  });

  test("an empty Secret field checks the stored secret; with none stored it asks for one", async () => {
    expect((await validationIssues(verifyProviderCredentials(developer, bitbucketSettings({ clientSecret: "" })))).clientSecret).toMatch(
      /Enter the Client Secret/,
    );
    await saveProviderConfig(developer, bitbucketSettings());
    expect(await verifyProviderCredentials(developer, bitbucketSettings({ clientSecret: "" }))).toBe("valid");
  });
});

describe("who may see and change a provider", () => {
  test("a developer of another application gets NotFound for every read and change, and nothing changes", async () => {
    await saveProviderConfig(developer, bitbucketSettings());
    const stranger = await makeUser();
    const attempts: [string, () => Promise<unknown>][] = [
      ["get", () => getProviderConfig(stranger, applicationId, "bitbucket")],
      ["list", () => listProviderConfigs(stranger, applicationId)],
      ["count", () => countDependentConnections(stranger, applicationId, "bitbucket")],
      ["save", () => saveProviderConfig(stranger, bitbucketSettings({ clientId: "other-key", clientSecret: NEW_SECRET }))],
      ["verify", () => verifyProviderCredentials(stranger, bitbucketSettings({ clientSecret: "" }))],
      ["disable", () => setProviderEnabled(stranger, applicationId, "bitbucket", false)],
      ["delete", () => deleteProviderConfig(stranger, applicationId, "bitbucket")],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toBeInstanceOf(NotFound);
    }
    const [row] = await storedRows();
    expect(row).toMatchObject({ clientId: KEY, enabled: true });
    expect((await auditActions()).map((event) => event.action)).toEqual(["provider.created"]);
  });

  test("an admin can see and change every application's provider", async () => {
    await saveProviderConfig(developer, bitbucketSettings());
    const admin = await makeUser("ADMIN");
    expect((await getProviderConfig(admin, applicationId, "bitbucket"))!.clientId).toBe(KEY);
    await saveProviderConfig(admin, bitbucketSettings({ clientSecret: "", scopes: ["account", "issue"] }));
    await setProviderEnabled(admin, applicationId, "bitbucket", false);
    expect(await getProviderConfig(developer, applicationId, "bitbucket")).toMatchObject({ scopes: ["account", "issue"], enabled: false });
    await deleteProviderConfig(admin, applicationId, "bitbucket");
    expect(await getProviderConfig(developer, applicationId, "bitbucket")).toBeNull();
  });
});

describe("deleting a provider", () => {
  async function makeConnection(application: string, status: ConnectionStatus, account: string) {
    const prisma = await db();
    return prisma.connection.create({
      data: {
        id: newId("conn"),
        applicationId: application,
        provider: "bitbucket",
        endUserId: `user-${account}`,
        providerAccountId: `{${account}}`,
        accessToken: "sealed-access-token",
        refreshToken: "sealed-refresh-token",
        status,
      },
    });
  }

  test("revokes the connected accounts that depend on it, deletes their tokens, and leaves other applications alone", async () => {
    await saveProviderConfig(developer, bitbucketSettings());
    const active = await makeConnection(applicationId, "ACTIVE", "a");
    const broken = await makeConnection(applicationId, "NEEDS_REAUTH", "b");
    await makeConnection(applicationId, "REVOKED", "c");
    const otherApplication = await makeApplication(developer, "Another app");
    const elsewhere = await makeConnection(otherApplication.id, "ACTIVE", "a");

    expect(await countDependentConnections(developer, applicationId, "bitbucket")).toBe(2);
    expect(await deleteProviderConfig(developer, applicationId, "bitbucket")).toEqual({ revokedConnections: 2 });

    const prisma = await db();
    for (const connection of [active, broken]) {
      expect(await prisma.connection.findUnique({ where: { id: connection.id } })).toMatchObject({ status: "REVOKED", accessToken: null, refreshToken: null });
    }
    expect(await prisma.connection.findUnique({ where: { id: elsewhere.id } })).toMatchObject({ status: "ACTIVE", accessToken: "sealed-access-token" });
    expect(await storedRows()).toEqual([]);
    expect(await loadProviderCredentials(applicationId, "bitbucket")).toBeNull();
    expect((await auditActions()).at(-1)).toMatchObject({ action: "provider.deleted", details: { provider: "bitbucket", revokedConnections: 2 } });
    await expect(deleteProviderConfig(developer, applicationId, "bitbucket")).rejects.toBeInstanceOf(NotFound);
  });
});

test("no audit event ever contains a client secret", async () => {
  await saveProviderConfig(developer, bitbucketSettings());
  await verifyProviderCredentials(developer, bitbucketSettings({ clientSecret: NEW_SECRET }));
  await saveProviderConfig(developer, bitbucketSettings({ clientSecret: NEW_SECRET, scopes: ["account"] }));
  await setProviderEnabled(developer, applicationId, "bitbucket", false);
  await deleteProviderConfig(developer, applicationId, "bitbucket");
  const everything = JSON.stringify(await (await db()).auditEvent.findMany());
  expect(everything).toContain("provider.deleted");
  expect(everything).not.toContain(SECRET);
  expect(everything).not.toContain(NEW_SECRET);
});

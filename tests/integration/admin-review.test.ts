// What an admin's review relies on: finding a connection by part of what they remember,
// narrowing the audit log by action, words and dates page after page, the names behind its
// ids, the reason a connection needs re-authorization, and pending invitations they can revoke.
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { reauthorizationReasons } from "@/components/connections/reauthorization";
import { auditRow, listAuditEvents, loadAuditNames, userActor, type AuditEntry } from "@/lib/audit";
import { listConnections } from "@/lib/connections";
import { db } from "@/lib/db";
import { ValidationFailed } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { createInvitation, listPendingInvitations, previewInvitation, revokeInvitation, signUp } from "@/lib/users";
import { errorOf } from "../support/errors";
import { makeApiKey, makeApplication, makeUser } from "../support/factories";

const admin = await makeUser("ADMIN", "ada@acme.test");
const application = await makeApplication(admin, "Review App");
const filtered = await makeApplication(admin, "Filtered App");

async function insertConnection(
  endUserId: string,
  account: { login?: string; name?: string; email?: string } = {},
  status: "ACTIVE" | "NEEDS_REAUTH" = "ACTIVE",
) {
  return (await db()).connection.create({
    data: {
      id: newId("conn"),
      applicationId: application.id,
      provider: "bitbucket",
      endUserId,
      providerAccountId: `{${randomUUID()}}`,
      accountLogin: account.login ?? null,
      accountName: account.name ?? null,
      accountEmail: account.email ?? null,
      status,
      lastError: status === "NEEDS_REAUTH" ? "invalid_grant" : null,
    },
  });
}

async function insertEvent(createdAt: Date, entry: Partial<AuditEntry> & { action: string }) {
  const row = auditRow({ actor: { type: "SYSTEM" }, applicationId: application.id, ...entry });
  await (await db()).auditEvent.create({ data: { ...row, createdAt } });
  return row.id;
}

describe("searching connections", () => {
  test("one search matches part of the end-user id, the login, the name or the email, ignoring case", async () => {
    const grace = await insertConnection("customer-1001", { login: "ghopper", name: "Grace Hopper", email: "grace@navy.test" });
    const alan = await insertConnection("customer-2002", { login: "aturing", name: "Alan Turing", email: "alan@bletchley.test" });
    const search = async (text: string) => (await listConnections({ applicationId: application.id }, { search: text })).items.map((row) => row.id);
    expect(await search("1001")).toEqual([grace.id]);
    expect(await search("HOPP")).toEqual([grace.id]);
    expect(await search("turing")).toEqual([alan.id]);
    expect(await search("bletchley")).toEqual([alan.id]);
    expect((await search("customer-")).sort()).toEqual([grace.id, alan.id].sort());
    expect(await search("nobody")).toEqual([]);
    // LIKE's wildcard characters are found as typed.
    const underscored = await insertConnection("vip_7%");
    expect(await search("p_7%")).toEqual([underscored.id]);
  });

  test("a search stays on through keyset pages: every match once, nothing else", async () => {
    const matches = [];
    for (let index = 0; index < 5; index++) matches.push((await insertConnection(`paged-${index}`, { login: `pager${index}` })).id);
    await insertConnection("other-user", { login: "someone" });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listConnections({ applicationId: application.id }, { search: "PAGE", limit: 2, cursor });
      seen.push(...page.items.map((row) => row.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(matches.sort());
  });

  test("a connection needing re-authorization says why and since when, in words", async () => {
    const stuck = await insertConnection("stuck-user", { login: "ada" }, "NEEDS_REAUTH");
    await insertEvent(new Date("2026-11-28T14:03:00Z"), {
      action: "connection.needs_reauthorization",
      connectionId: stuck.id,
      details: { reason: "invalid_grant" },
    });
    const active = await insertConnection("fine-user");
    const reasons = await reauthorizationReasons([stuck, active]);
    expect(reasons.get(stuck.id)).toBe("Bitbucket refused the refresh token on 2026-11-28 14:03 UTC: the end user revoked access, or the grant expired.");
    expect(reasons.has(active.id)).toBe(false);
  });
});

describe("filtering the audit log", () => {
  const scope = { applicationId: filtered.id };
  const day = (iso: string) => new Date(iso);

  test("by exact action, by words matching part of the action, actor or details, and by a from–to date range, page after page", async () => {
    const inScope = (entry: Partial<AuditEntry> & { action: string }) => ({ ...entry, applicationId: scope.applicationId });
    // A real key: the log finds the events it made by its name, though they store only its id.
    const { apiKey: reporting } = await makeApiKey(admin, filtered.id, "Reporting");
    const early = await insertEvent(day("2026-11-01T23:59:00Z"), inScope({ action: "api_key.created", details: { name: "backend" } }));
    const first = await insertEvent(day("2026-11-02T00:00:00Z"), inScope({ action: "api_key.created", details: { name: "Reporting" } }));
    const second = await insertEvent(day("2026-11-03T12:00:00Z"), inScope({ action: "connection.token_read", actor: { type: "API_KEY", id: reporting.id } }));
    const third = await insertEvent(day("2026-11-04T23:59:59Z"), inScope({ action: "api_key.revoked", details: { name: "backend" } }));
    const late = await insertEvent(day("2026-11-05T00:00:00Z"), inScope({ action: "api_key.revoked", details: { name: "backend" } }));
    const ids = async (filter: Record<string, string>) => (await listAuditEvents(scope, filter)).items.map((event) => event.id);

    expect(await ids({ action: "api_key.revoked" })).toEqual([late, third]);
    expect(await ids({ search: "revok" })).toEqual([late, third]);
    expect(await ids({ search: "REPORTING", to: "2026-11-04" })).toEqual([second, first]);
    expect(await ids({ from: "2026-11-02", to: "2026-11-04" })).toEqual([third, second, first]);
    expect(await ids({ search: "backend", to: "2026-11-01" })).toEqual([early]);

    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAuditEvents(scope, { from: "2026-11-02", to: "2026-11-04", limit: 1, cursor });
      paged.push(...page.items.map((event) => event.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual([third, second, first]);
  });

  test("words also find the events of a connection by its end-user id or login, though the event's details do not name them", async () => {
    const connection = await insertConnection("needle-user-77", { login: "haystack" });
    const read = await insertEvent(new Date(), { action: "connection.token_read", actor: { type: "API_KEY", id: "key_x" }, connectionId: connection.id });
    await insertEvent(new Date(), { action: "connection.token_read", actor: { type: "API_KEY", id: "key_x" }, connectionId: newId("conn") });
    const found = async (search: string) => (await listAuditEvents({ applicationId: application.id }, { action: "connection.token_read", search })).items;
    expect((await found("EEDLE-user")).map((event) => event.id)).toEqual([read]);
    expect((await found("hayst")).map((event) => event.id)).toEqual([read]);
  });

  test("words find the events a person or a key made by part of the email or the key's name, ignoring case", async () => {
    const grace = await makeUser("DEVELOPER", `Grace.Hopper-${randomUUID().slice(0, 8)}@navy.test`);
    const byGrace = await insertEvent(new Date(), { action: "application.renamed", actor: userActor(grace) });
    await insertEvent(new Date(), { action: "application.renamed", actor: userActor(admin) });
    const { apiKey: nightly } = await makeApiKey(admin, application.id, "Nightly Sync");
    const byKey = await insertEvent(new Date(), { action: "connection.token_read", actor: { type: "API_KEY", id: nightly.id } });
    await insertEvent(new Date(), { action: "connection.token_read", actor: { type: "API_KEY", id: newId("key") } });
    const found = async (action: string, search: string) =>
      (await listAuditEvents({ applicationId: application.id }, { action, search })).items.map((event) => event.id);
    expect(await found("application.renamed", "HOPPER-")).toEqual([byGrace]);
    expect(await found("application.renamed", "grace.h")).toEqual([byGrace]);
    expect(await found("connection.token_read", "nightly s")).toEqual([byKey]);
  });

  test("a date that is not YYYY-MM-DD is refused", async () => {
    await expect(listAuditEvents(scope, { from: "yesterday" })).rejects.toThrow(ValidationFailed);
  });

  test("the names behind a page's ids: emails, key names, connections and applications; deleted things are absent", async () => {
    const { apiKey } = await makeApiKey(admin, application.id, "backend");
    const connection = await insertConnection("user-42", { login: "ada" });
    const events = [
      auditRow({ action: "api_key.created", actor: userActor(admin), applicationId: application.id, details: { apiKeyId: apiKey.id } }),
      auditRow({ action: "connection.token_read", actor: { type: "API_KEY", id: apiKey.id }, applicationId: application.id, connectionId: connection.id }),
      auditRow({ action: "user.disabled", actor: userActor(admin), details: { userId: "usr_gone" } }),
    ].map((row) => ({ ...row, createdAt: new Date(), details: JSON.parse(row.details) as Record<string, unknown> }));
    const names = await loadAuditNames(events);
    expect(names.users.get(admin.userId)).toBe("ada@acme.test");
    expect(names.users.has("usr_gone")).toBe(false);
    expect(names.apiKeys.get(apiKey.id)).toEqual({ name: "backend", applicationId: application.id });
    expect(names.connections.get(connection.id)).toMatchObject({ provider: "bitbucket", endUserId: "user-42", accountLogin: "ada" });
    expect(names.applications.get(application.id)).toBe("Review App");
  });
});

describe("pending invitations", () => {
  const password = "twelve chars or more";
  const token = (link: string) => new URL(link).searchParams.get("invitation")!;

  test("an admin sees pending invitations with their expiry, and who invited", async () => {
    const { link, expiresAt } = await createInvitation(admin, { email: "carol@acme.test", role: "ADMIN" });
    expect(await previewInvitation(token(link))).toEqual({ email: "carol@acme.test", role: "ADMIN", invitedBy: "ada@acme.test", expiresAt });
    expect(await listPendingInvitations(admin)).toEqual(
      expect.arrayContaining([expect.objectContaining({ email: "carol@acme.test", role: "ADMIN", invitedBy: "ada@acme.test", expiresAt })]),
    );
  });

  test("a revoked invitation is no longer pending, its link signs nobody up, and the revocation is audited", async () => {
    const { link } = await createInvitation(admin, { email: "dave@acme.test" });
    const pending = (await listPendingInvitations(admin)).find((invitation) => invitation.email === "dave@acme.test")!;
    await revokeInvitation(admin, pending.id);

    expect((await listPendingInvitations(admin)).map((invitation) => invitation.id)).not.toContain(pending.id);
    expect(await previewInvitation(token(link))).toBeNull();
    const refused = await errorOf(signUp({ email: "dave@acme.test", password, invitation: token(link) }));
    expect(refused.details).toMatchObject({ issues: [{ path: "invitation" }] });
    expect(await (await db()).user.count({ where: { email: "dave@acme.test" } })).toBe(0);
    const [event] = (await listAuditEvents({}, { action: "invitation.revoked" })).items;
    expect(event).toMatchObject({ actorType: "USER", actorId: admin.userId, details: { invitationId: pending.id, email: "dave@acme.test" } });
  });

  test("a used invitation cannot be revoked, and only admins revoke", async () => {
    const { link } = await createInvitation(admin, { email: "erin@acme.test" });
    const pending = (await listPendingInvitations(admin)).find((invitation) => invitation.email === "erin@acme.test")!;
    const developer = await makeUser("DEVELOPER");
    expect((await errorOf(revokeInvitation(developer, pending.id))).status).toBe(404);
    await signUp({ email: "erin@acme.test", password, invitation: token(link) });
    expect((await errorOf(revokeInvitation(admin, pending.id))).status).toBe(404);
    expect((await listPendingInvitations(admin)).map((invitation) => invitation.id)).not.toContain(pending.id);
  });
});

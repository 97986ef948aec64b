// What the portal's Connections and Admin pages rely on: reading the audit
// log page by page, seeing only what the actor may see, disconnecting from the
// portal, and pages that stay on the index deep into 100,000 connections.
import { describe, expect, test } from "vitest";
import { listAllConnections, listAuditLog } from "@/lib/admin";
import { auditRow, listAuditEvents, loadAuditNames, userActor, type AuditEntry } from "@/lib/audit";
import { disconnect, getConnectionForActor, listConnections } from "@/lib/connections";
import { encodeCursor } from "@/lib/pagination";
import { db } from "@/lib/db";
import { NotFound, ValidationFailed } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { makeApplication, makeUser } from "../support/factories";
import { isPostgres, recordQueries } from "../support/query-plans";

// The pagination test asks the database how it runs the SQL listConnections really sends.
const queries = recordQueries();

const owner = await makeUser();
const stranger = await makeUser();
const admin = await makeUser("ADMIN");
const application = await makeApplication(owner, "Portal App");
const otherApplication = await makeApplication(stranger, "Stranger App");

async function insertConnection(applicationId: string, endUserId: string) {
  return (await db()).connection.create({
    data: {
      id: newId("conn"),
      applicationId,
      provider: "bitbucket",
      endUserId,
      providerAccountId: `{${endUserId}}`,
      accountLogin: endUserId,
      status: "ACTIVE",
      accessToken: "v1:sealed-access-token-stand-in",
      refreshToken: "v1:sealed-refresh-token-stand-in",
    },
  });
}

/** An audit event at a chosen time, so ordering and ties are under the test's control. */
async function insertEvent(createdAt: Date, entry: Partial<AuditEntry> & { action: string }) {
  const row = auditRow({ actor: { type: "SYSTEM" }, ...entry });
  await (await db()).auditEvent.create({ data: { ...row, createdAt } });
  return row.id;
}

describe("reading the audit log", () => {
  const base = Date.parse("2026-03-01T12:00:00.000Z");
  const at = (minutes: number) => new Date(base - minutes * 60_000);

  test("pages newest first with a cursor, every event once, ties broken by id; scoped and filtered", async () => {
    const scope = { id: newId("app") }; // events outlive applications: no row needed
    // Three events share one timestamp: only the id tiebreak keeps them from being skipped or repeated across pages.
    const specs: [number, string][] = [
      [0, "connection.failed"],
      [1, "connection.created"],
      [2, "connection.failed"],
      [2, "connection.failed"],
      [2, "connection.read"],
      [3, "connection.failed"],
      [4, "connection.disconnected"],
    ];
    const ids: { id: string; minutes: number; action: string }[] = [];
    for (const [minutes, action] of specs)
      ids.push({ id: await insertEvent(at(minutes), { action, applicationId: scope.id, details: { code: "access_denied" } }), minutes, action });
    await insertEvent(at(0), { action: "connection.failed", applicationId: otherApplication.id });
    const newestFirst = [...ids].sort((a, b) => a.minutes - b.minutes || (a.id < b.id ? 1 : -1));

    const walked: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditEvents({ applicationId: scope.id }, { limit: 3, cursor });
      walked.push(...page.items.map((event) => event.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(walked).toEqual(newestFirst.map((event) => event.id));
    expect(pages).toBe(3);

    const failed = await listAuditEvents({ applicationId: scope.id }, { action: "connection.failed" });
    expect(failed.items.map((event) => event.id)).toEqual(newestFirst.filter((event) => event.action === "connection.failed").map((event) => event.id));
    expect(failed.items[0]!.details).toEqual({ code: "access_denied" });
    expect(failed.nextCursor).toBeNull();
  });

  test("one connection's history holds only its events", async () => {
    const connection = await insertConnection(application.id, "history-user");
    const mine = await insertEvent(at(10), { action: "connection.created", applicationId: application.id, connectionId: connection.id });
    await insertEvent(at(10), { action: "connection.created", applicationId: application.id, connectionId: "conn_someone_else" });
    expect((await listAuditEvents({ connectionId: connection.id }, {})).items.map((event) => event.id)).toEqual([mine]);
  });

  test("a cursor that was not issued, or a filter out of range, is refused in words", async () => {
    await expect(listAuditEvents({}, { cursor: "bogus" })).rejects.toThrow(ValidationFailed);
    await expect(listAuditEvents({}, { limit: 1000 })).rejects.toThrow(ValidationFailed);
  });

  test("details that are not a JSON object read as empty rather than breaking the log", async () => {
    const scope = { id: newId("app") };
    const id = newId("evt");
    await (await db()).auditEvent.create({ data: { id, action: "legacy", actorType: "SYSTEM", applicationId: scope.id, details: "not json" } });
    expect((await listAuditEvents({ applicationId: scope.id }, {})).items).toEqual([expect.objectContaining({ id, details: {} })]);
  });
});

describe("who sees which connection", () => {
  test("a developer cannot read another developer's connection; its owner and an admin can", async () => {
    const connection = await insertConnection(application.id, "private-user");
    expect((await getConnectionForActor(owner, connection.id)).id).toBe(connection.id);
    expect((await getConnectionForActor(admin, connection.id)).id).toBe(connection.id);
    await expect(getConnectionForActor(stranger, connection.id)).rejects.toThrow(NotFound);
  });

  test("the admin lists span applications with their names; a developer is told not found", async () => {
    const mine = await insertConnection(application.id, "admin-view-a");
    const theirs = await insertConnection(otherApplication.id, "admin-view-b");
    const page = await listAllConnections(admin, { limit: 100 });
    const names = new Map(page.items.map(({ connection, applicationName }) => [connection.id, applicationName]));
    expect(names.get(mine.id)).toBe("Portal App");
    expect(names.get(theirs.id)).toBe("Stranger App");
    expect((await listAllConnections(admin, { endUserId: "admin-view-b" })).items.map(({ connection }) => connection.id)).toEqual([theirs.id]);
    await expect(listAllConnections(owner, {})).rejects.toThrow(NotFound);
    await expect(listAuditLog(owner, {})).rejects.toThrow(NotFound);
  });

  test("the audit log's names name each event's application, and a deleted one is absent", async () => {
    const doomed = await makeApplication(owner, "Soon deleted");
    await insertEvent(new Date(), { action: "test.marker", applicationId: doomed.id });
    await insertEvent(new Date(), { action: "test.marker", applicationId: application.id });
    await (await db()).application.delete({ where: { id: doomed.id } });
    const { items } = await listAuditLog(admin, { action: "test.marker" });
    const names = await loadAuditNames(items);
    expect(items.map((event) => [event.applicationId, names.applications.get(event.applicationId!) ?? null])).toEqual(
      expect.arrayContaining([
        [doomed.id, null],
        [application.id, "Portal App"],
      ]),
    );
  });
});

describe("disconnecting from the portal", () => {
  test("deletes the tokens, marks it Revoked and records who did it", async () => {
    const connection = await insertConnection(application.id, "leaving-user");
    await disconnect(await getConnectionForActor(owner, connection.id), userActor(owner));

    const stored = await (await db()).connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(stored).toMatchObject({ status: "REVOKED", accessToken: null, refreshToken: null });
    const history = await listAuditEvents({ connectionId: connection.id }, {});
    expect(history.items).toMatchObject([
      { action: "connection.disconnected", actorType: "USER", actorId: owner.userId, applicationId: application.id, details: { endUserId: "leaving-user" } },
    ]);
    expect((await listConnections({ applicationId: application.id }, { status: "revoked" })).items.map((row) => row.id)).toContain(connection.id);
  });
});

describe("pagination with 100,000 connections", () => {
  const TOTAL = 100_000;
  const BASE = Date.parse("2025-01-01T00:00:00.000Z");
  // Row i: every tenth belongs to another application; three rows share each second, so ties need the id tiebreak.
  const rowId = (i: number) => `conn_bulk_${String(i).padStart(6, "0")}`;
  const second = (i: number) => Math.floor(i / 3);

  test("a page deep in the list has the right rows, and its query walks the application's index: no table scan, no sort", { timeout: 120_000 }, async () => {
    const big = await makeApplication(owner, "Big");
    const prisma = await db();
    const columns = `"id", "applicationId", "provider", "endUserId", "providerAccountId", "status", "createdAt", "updatedAt"`;
    if (isPostgres) {
      await prisma.$executeRawUnsafe(
        `INSERT INTO "Connection" (${columns})
         SELECT 'conn_bulk_' || lpad(i::text, 6, '0'), CASE WHEN i % 10 = 0 THEN $1 ELSE $2 END, 'bitbucket', 'bulk-' || i, 'acct-' || i, 'ACTIVE',
                $3::timestamp - (i / 3) * interval '1 second', $3::timestamp
         FROM generate_series(1, ${TOTAL}) AS i`,
        otherApplication.id,
        big.id,
        new Date(BASE).toISOString(),
      );
      await prisma.$executeRawUnsafe(`ANALYZE "Connection"`);
    } else {
      // Written as Prisma writes DateTime to SQLite (ISO 8601 text, `+00:00`), so the cursor's equality test matches.
      await prisma.$executeRawUnsafe(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${TOTAL})
         INSERT INTO "Connection" (${columns})
         SELECT printf('conn_bulk_%06d', i), CASE WHEN i % 10 = 0 THEN ? ELSE ? END, 'bitbucket', 'bulk-' || i, 'acct-' || i, 'ACTIVE',
                strftime('%Y-%m-%dT%H:%M:%f+00:00', ?, '-' || (i / 3) || ' seconds'), ?
         FROM n`,
        otherApplication.id,
        big.id,
        "2025-01-01T00:00:00.000Z",
        "2025-01-01T00:00:00.000+00:00",
      );
    }

    // Big's rows, newest first: earlier seconds first, then the larger id within a second.
    const expected = Array.from({ length: TOTAL }, (_, index) => index + 1)
      .filter((i) => i % 10 !== 0)
      .sort((a, b) => second(a) - second(b) || b - a);
    expect(await prisma.connection.count({ where: { applicationId: big.id } })).toBe(expected.length);

    const position = 80_000;
    const previous = expected[position - 1]!;
    const cursor = encodeCursor({ id: rowId(previous), createdAt: new Date(BASE - second(previous) * 1000) });
    queries.clear();
    const page = await listConnections({ applicationId: big.id }, { cursor, limit: 50 });
    expect(page.items.map((row) => row.id)).toEqual(expected.slice(position, position + 50).map(rowId));
    expect(page.nextCursor).not.toBeNull();

    // Planner statistics as a live database has them (autovacuum / ANALYZE), not as right after a bulk insert.
    await prisma.$executeRawUnsafe(isPostgres ? 'ANALYZE "Connection"' : "ANALYZE");
    // The index range starts at the cursor's createdAt.
    const plan = await queries.planOfLast("Connection");
    if (isPostgres) {
      // With 90 % of rows in one application PostgreSQL may walk either (createdAt, id) index;
      // what matters is that the walk starts at the cursor, in order.
      expect(plan).toMatch(/Index Scan Backward using "Connection_(applicationId_)?createdAt_id_idx"/);
      expect(plan).toMatch(/Index Cond: .*"createdAt" <=/);
      expect(plan).not.toMatch(/Seq Scan|Sort/);
    } else {
      expect(plan).toContain("USING INDEX Connection_applicationId_createdAt_id_idx (applicationId=? AND createdAt<?)");
      expect(plan).not.toMatch(/\bSCAN\b|TEMP B-TREE/);
    }
  });
});

// The request log grows by one row per proxied call, so its pages must stay on an
// index deep into it: the database is asked how it runs the very SQL that
// listProxyRequests sends, for one connection's calls and for an application's.
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { encodeCursor } from "@/lib/pagination";
import { listProxyRequests } from "@/lib/request-log";
import { makeApplication, makeUser } from "../support/factories";
import { isPostgres, recordQueries } from "../support/query-plans";

const queries = recordQueries();

const owner = await makeUser();
const application = await makeApplication(owner, "Busy app");
const otherApplication = await makeApplication(owner, "Other app");

async function makeConnection(applicationId: string, endUserId: string) {
  return (await db()).connection.create({
    data: { id: newId("conn"), applicationId, provider: "bitbucket", endUserId, providerAccountId: `{${endUserId}}`, status: "ACTIVE" },
  });
}

const TOTAL = 60_000;
const CONNECTIONS = 30;
const BASE = Date.parse("2026-06-01T00:00:00.000Z");
/** Row i: two calls a second going back from BASE, every fourth one a 404. */
const second = (i: number) => Math.floor(i / 2);

describe(`request log pages deep into ${TOTAL} calls (${isPostgres ? "postgresql" : "sqlite"})`, () => {
  test("one connection's page and the application's page are each an index range scan starting at the cursor", async () => {
    const prisma = await db();
    // Thirty connections take turns, the first ten in the busy application: a connection holds a
    // thirtieth of the log and its application a third, as on a vault with many end users.
    const connections = [];
    for (let k = 0; k < CONNECTIONS; k += 1) connections.push(await makeConnection(k < 10 ? application.id : otherApplication.id, `user-${k}`));
    const busy = connections[0]!;
    const columns = `id, "createdAt", "applicationId", "connectionId", method, path, status, "durationMs", "requestBytes", "responseBytes", retries`;
    const connectionIds = JSON.stringify(connections.map((connection) => connection.id));
    const applicationIds = JSON.stringify(connections.map((connection) => connection.applicationId));
    if (isPostgres) {
      await prisma.$executeRawUnsafe(
        `INSERT INTO "ProxyRequest" (${columns})
         SELECT 'req_bulk_' || lpad(i::text, 6, '0'), $1::timestamp - (i / 2) * interval '1 second',
                $2::jsonb ->> (i % ${CONNECTIONS}), $3::jsonb ->> (i % ${CONNECTIONS}), 'GET', '2.0/user', CASE WHEN i % 4 = 0 THEN 404 ELSE 200 END, 1, 0, 1, 0
         FROM generate_series(0, ${TOTAL - 1}) AS i`,
        new Date(BASE).toISOString(),
        applicationIds,
        connectionIds,
      );
    } else {
      // Written as Prisma writes DateTime to SQLite (ISO 8601 text, `+00:00`), so the cursor's equality test matches.
      await prisma.$executeRawUnsafe(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${TOTAL - 1})
         INSERT INTO "ProxyRequest" (${columns})
         SELECT printf('req_bulk_%06d', i), strftime('%Y-%m-%dT%H:%M:%f+00:00', ?, '-' || (i / 2) || ' seconds'),
                json_extract(?, '$[' || (i % ${CONNECTIONS}) || ']'), json_extract(?, '$[' || (i % ${CONNECTIONS}) || ']'),
                'GET', '2.0/user', CASE WHEN i % 4 = 0 THEN 404 ELSE 200 END, 1, 0, 1, 0
         FROM n`,
        new Date(BASE).toISOString(),
        applicationIds,
        connectionIds,
      );
    }
    await prisma.$executeRawUnsafe(isPostgres ? 'ANALYZE "ProxyRequest"' : "ANALYZE");

    // Busy's calls, newest first: earlier seconds first, then the larger id within a second.
    const busyRows = Array.from({ length: TOTAL }, (_, i) => i)
      .filter((i) => i % CONNECTIONS === 0)
      .sort((a, b) => second(a) - second(b) || b - a);
    const id = (i: number) => `req_bulk_${String(i).padStart(6, "0")}`;
    const position = 1_500;
    const previous = busyRows[position - 1]!;
    const cursor = encodeCursor({ id: id(previous), createdAt: new Date(BASE - second(previous) * 1000) });

    const page = await listProxyRequests({ connectionId: busy.id }, { cursor, limit: 50 });
    expect(page.items.map((row) => row.id)).toEqual(busyRows.slice(position, position + 50).map(id));
    const connectionPlan = await queries.planOfLast("ProxyRequest");

    const filtered = await listProxyRequests({ connectionId: busy.id }, { cursor, limit: 50, status: "4xx" });
    expect(filtered.items.map((row) => row.id)).toEqual(
      busyRows
        .slice(position)
        .filter((i) => i % 4 === 0)
        .slice(0, 50)
        .map(id),
    );
    const filteredPlan = await queries.planOfLast("ProxyRequest");

    await listProxyRequests({ applicationId: application.id }, { cursor, limit: 50 });
    const applicationPlan = await queries.planOfLast("ProxyRequest");

    if (isPostgres) {
      // The rows lie on disk in time order, so PostgreSQL may walk the (createdAt, id) index and skip
      // other connections' rows rather than jump around the heap; either way the walk starts at the cursor, in order.
      for (const plan of [connectionPlan, applicationPlan]) {
        expect(plan).toMatch(/Index Scan Backward using "ProxyRequest_(connectionId_|applicationId_)?createdAt_id_idx"/);
        expect(plan).toMatch(/Index Cond: .*"createdAt" <=/);
        expect(plan).not.toMatch(/Seq Scan|Sort/);
      }
      // A status class is a filter on the rows of that range: when it expects few matches, PostgreSQL may
      // gather the connection's range from the cursor on and sort it, but never reads the whole table.
      expect(filteredPlan).toMatch(
        /Index Cond: \(\("connectionId" = .*"createdAt" <=|Index Scan Backward using "ProxyRequest_(connectionId_)?createdAt_id_idx"/,
      );
      expect(filteredPlan).not.toMatch(/Seq Scan/);
    } else {
      for (const plan of [connectionPlan, filteredPlan]) {
        expect(plan).toContain("USING INDEX ProxyRequest_connectionId_createdAt_id_idx (connectionId=? AND createdAt<?)");
        expect(plan).not.toMatch(/\bSCAN\b|TEMP B-TREE/);
      }
      expect(applicationPlan).toContain("USING INDEX ProxyRequest_applicationId_createdAt_id_idx (applicationId=? AND createdAt<?)");
      expect(applicationPlan).not.toMatch(/\bSCAN\b|TEMP B-TREE/);
    }
  });
});

// The token read skips Prisma for speed (lib/db/direct). It must read what Prisma
// wrote and write what Prisma reads: the same values, dates to the millisecond, and
// audit rows stored exactly as Prisma stores them, so they sort and filter together.
import { describe, expect, test } from "vitest";
import { getConfig } from "@/lib/config";
import { auditRow } from "@/lib/audit";
import { db, Prisma, type ConnectionStatus } from "@/lib/db";
import { directDb } from "@/lib/db/direct";
import { newId } from "@/lib/ids";
import { makeApplication, makeUser } from "../support/factories";

const owner = await makeUser();
const application = await makeApplication(owner, "Contract app");
const otherApplication = await makeApplication(owner, "Another app");

async function makeKey(fields: { revokedAt?: Date; lastUsedAt?: Date } = {}) {
  const prisma = await db();
  return prisma.apiKey.create({
    data: { id: newId("key"), applicationId: application.id, name: "contract", prefix: "lk_test", hash: `hash-${newId("key")}`, ...fields },
  });
}

async function makeConnection(
  applicationId: string,
  fields: { status: ConnectionStatus; accessToken: string | null; expiresAt: Date | null; tokenType?: string; grantedScopes?: string },
) {
  const prisma = await db();
  return prisma.connection.create({
    data: { id: newId("conn"), applicationId, provider: "bitbucket", endUserId: "end-user", providerAccountId: `{${newId("usr")}}`, ...fields },
  });
}

/** The createdAt column's stored text, as the database holds it (not as a driver converts it). */
async function storedCreatedAt(id: string, table: "AuditEvent" | "ProxyRequest" = "AuditEvent"): Promise<string> {
  const prisma = await db();
  const column = getConfig().databaseKind === "postgresql" ? `"createdAt"::text` : `CAST("createdAt" AS TEXT)`;
  const rows = await prisma.$queryRaw<{ stored: string }[]>`SELECT ${Prisma.raw(column)} AS stored FROM ${Prisma.raw(`"${table}"`)} WHERE id = ${id}`;
  return rows[0]!.stored;
}

describe(`the direct token read and Prisma (${getConfig().databaseKind})`, () => {
  test.each([
    [
      "an active connection with an expiring token",
      {
        status: "ACTIVE",
        accessToken: "sealed-access",
        expiresAt: new Date("2026-11-29T01:02:03.456Z"),
        tokenType: "bearer",
        grantedScopes: "account repository",
      },
    ],
    [
      "a connection that needs re-authorization, with a token that never expires",
      { status: "NEEDS_REAUTH", accessToken: "sealed-other", expiresAt: null, grantedScopes: "" },
    ],
    ["a revoked connection without tokens", { status: "REVOKED", accessToken: null, expiresAt: null }],
  ] as const)("read %s as Prisma reads it", async (_name, fields) => {
    const key = await makeKey({ lastUsedAt: new Date("2026-11-28T23:59:59.999Z") });
    const connection = await makeConnection(application.id, fields);

    const found = await directDb().findTokenRead(key.hash, connection.id);

    expect(found).toEqual({
      apiKeyId: key.id,
      apiKeyHash: key.hash,
      apiKeyRevoked: false,
      apiKeyLastUsedAt: key.lastUsedAt,
      applicationId: key.applicationId,
      connection: {
        id: connection.id,
        provider: connection.provider,
        status: connection.status,
        accessToken: connection.accessToken,
        tokenType: connection.tokenType,
        expiresAt: connection.expiresAt,
        grantedScopes: connection.grantedScopes,
      },
    });
  });

  test("reads a revoked, never-used key as Prisma stored it, and no connection of another application", async () => {
    const key = await makeKey({ revokedAt: new Date("2026-11-29T00:00:00.001Z") });
    const foreign = await makeConnection(otherApplication.id, { status: "ACTIVE", accessToken: "sealed", expiresAt: null });

    expect(await directDb().findTokenRead(key.hash, foreign.id)).toEqual({
      apiKeyId: key.id,
      apiKeyHash: key.hash,
      apiKeyRevoked: true,
      apiKeyLastUsedAt: null,
      applicationId: application.id,
      connection: null,
    });
    expect(await directDb().findTokenRead("no-such-hash", foreign.id)).toBeUndefined();
  });

  test("writes an audit row Prisma reads back equal, stored exactly as Prisma stores the same instant", async () => {
    const prisma = await db();
    const at = new Date("2026-11-29T00:40:05.123Z");
    const viaPrisma = auditRow({ action: "contract.prisma", actor: { type: "USER", id: owner.userId }, applicationId: application.id });
    const direct = auditRow({
      action: "contract.direct",
      actor: { type: "API_KEY", id: "key_1" },
      applicationId: application.id,
      connectionId: "conn_1",
      ipAddress: "127.0.0.1",
      details: { note: "ünïcode" },
    });
    await prisma.auditEvent.create({ data: { ...viaPrisma, createdAt: at } });
    await directDb().insertAudit(direct, at);

    expect(await prisma.auditEvent.findUnique({ where: { id: direct.id } })).toEqual({ ...direct, createdAt: at });
    expect(await storedCreatedAt(direct.id)).toBe(await storedCreatedAt(viaPrisma.id));
  });

  test("audit rows written by either path sort and filter together by time", async () => {
    const prisma = await db();
    const actor = { type: "SYSTEM" } as const;
    const times = ["2026-11-30T10:00:00.000Z", "2026-11-30T10:00:00.001Z", "2026-11-30T10:00:00.002Z", "2026-11-30T10:00:00.003Z"].map(
      (text) => new Date(text),
    );
    const rows = times.map((_, index) => auditRow({ action: `contract.sort.${index}`, actor }));
    // Alternate the writers: Prisma at 0 and 2, the direct path at 1 and 3.
    for (const [index, row] of rows.entries()) {
      if (index % 2 === 0) await prisma.auditEvent.create({ data: { ...row, createdAt: times[index]! } });
      else await directDb().insertAudit(row, times[index]!);
    }

    const sorted = await prisma.auditEvent.findMany({ where: { action: { startsWith: "contract.sort." } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(sorted.map((row) => row.action)).toEqual(rows.map((row) => row.action));

    const between = await prisma.auditEvent.findMany({
      where: { action: { startsWith: "contract.sort." }, createdAt: { gte: times[1]!, lte: times[3]! } },
      orderBy: { createdAt: "asc" },
    });
    expect(between.map((row) => row.action)).toEqual(rows.slice(1).map((row) => row.action));
  });

  test("writes request log rows Prisma reads back equal, stored exactly as Prisma stores the same instant", async () => {
    const prisma = await db();
    const connection = await makeConnection(application.id, { status: "ACTIVE", accessToken: "sealed", expiresAt: null });
    const at = new Date("2026-11-29T02:40:05.123Z");
    const row = (fields: { apiKeyId: string | null; userId: string | null; errorCode: string | null; status: number }) => ({
      id: newId("req"),
      createdAt: at,
      applicationId: application.id,
      connectionId: connection.id,
      method: "GET",
      path: "2.0/repositories/acme?page=&role=",
      durationMs: 12,
      requestBytes: 0n,
      // Past 32 bits: a download of several GB is counted whole.
      responseBytes: 5_000_000_000n,
      retries: 2,
      ...fields,
    });
    const viaPrisma = row({ apiKeyId: null, userId: owner.userId, errorCode: null, status: 200 });
    const direct = [
      row({ apiKeyId: "key_1", userId: null, errorCode: null, status: 503 }),
      row({ apiKeyId: null, userId: "usr_1", errorCode: "provider_timeout", status: 504 }),
    ];
    await prisma.proxyRequest.create({ data: viaPrisma });
    // Both in one turn of the event loop: one group-committed INSERT.
    await Promise.all(direct.map((each) => directDb().insertProxyRequest(each)));

    for (const each of direct) {
      expect(await prisma.proxyRequest.findUnique({ where: { id: each.id } })).toEqual(each);
      expect(await storedCreatedAt(each.id, "ProxyRequest")).toBe(await storedCreatedAt(viaPrisma.id, "ProxyRequest"));
    }
  });
});

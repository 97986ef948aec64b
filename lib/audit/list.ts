// Reading the audit log, newest first, with the same keyset pagination as
// connections: a cursor on (createdAt, id) rather than an OFFSET, so no event
// is skipped or shown twice while new ones arrive.
import "server-only";
import { z } from "zod";
import { containsText, db, type AuditEvent } from "../db";
// Keyset cursors over (createdAt, id) are the same for every newest-first list.
import { afterCursor, decodeCursor, pageOf } from "../pagination";
import { parseInput } from "../validation";

const day = z.iso.date({ error: "Dates are written YYYY-MM-DD." });

const auditFilter = z.object({
  /** Exactly this action (the portal's dropdown). */
  action: z.string().trim().min(1).max(100).optional(),
  /** Part of the action, the actor's id, email or key name, a detail, or the end-user id or login of the event's connection. */
  search: z.string().trim().min(1).max(100).optional(),
  /** From the start of this UTC day. */
  from: day.optional(),
  /** To the end of this UTC day. */
  to: day.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const DAY_MS = 24 * 60 * 60_000;

/** Which events: one application's, one connection's, or (admins only, checked by the caller) all. */
export type AuditScope = { applicationId?: string; connectionId?: string };

export type AuditEventView = Omit<AuditEvent, "details"> & { details: Record<string, unknown> };

export type AuditPage = { items: AuditEventView[]; nextCursor: string | null };

export async function listAuditEvents(scope: AuditScope, filter: unknown): Promise<AuditPage> {
  const { action, search, from, to, cursor, limit } = parseInput(auditFilter, filter);
  const prisma = await db();
  const events = await prisma.auditEvent.findMany({
    where: {
      applicationId: scope.applicationId,
      connectionId: scope.connectionId,
      action,
      AND: [
        from || to ? { createdAt: { gte: from ? new Date(from) : undefined, lt: to ? new Date(Date.parse(to) + DAY_MS) : undefined } } : {},
        search
          ? {
              OR: [
                { action: containsText(search) },
                { actorId: containsText(search) },
                { details: containsText(search) },
                ...(await ofConnectionsMatching(scope, search)),
                ...(await ofActorsMatching(scope, search)),
              ],
            }
          : {},
        afterCursor(cursor ? decodeCursor(cursor) : undefined),
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = pageOf(events, limit);
  return { items: page.items.map(withDetails), nextCursor: page.nextCursor };
}

/** The connections an end-user id or login search names (most recent first, at most 200), so their events match too. */
async function ofConnectionsMatching(scope: AuditScope, search: string) {
  const prisma = await db();
  const connections = await prisma.connection.findMany({
    where: { applicationId: scope.applicationId, id: scope.connectionId, OR: [{ endUserId: containsText(search) }, { accountLogin: containsText(search) }] },
    select: { id: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  return connections.length ? [{ connectionId: { in: connections.map((connection) => connection.id) } }] : [];
}

/**
 * The people (by email) and API keys (by name) a search names, so the events they made match
 * though the event stores only their id. Capped like connections: a search that names more than
 * 200 of either is too broad to narrow the log by actor anyway.
 */
async function ofActorsMatching(scope: AuditScope, search: string) {
  const prisma = await db();
  const [users, apiKeys] = await Promise.all([
    prisma.user.findMany({ where: { email: containsText(search) }, select: { id: true }, orderBy: { createdAt: "desc" }, take: 200 }),
    prisma.apiKey.findMany({
      where: { applicationId: scope.applicationId, name: containsText(search) },
      select: { id: true },
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
  ]);
  const ids = [...users, ...apiKeys].map((actor) => actor.id);
  return ids.length ? [{ actorId: { in: ids } }] : [];
}

export function withDetails(event: AuditEvent): AuditEventView {
  return { ...event, details: parseDetails(event.details) };
}

const detailsObject = z.record(z.string(), z.unknown());

/** Details are written as a JSON object; anything else (a hand-edited row) reads as empty rather than breaking the log. */
function parseDetails(stored: string): Record<string, unknown> {
  try {
    return detailsObject.catch({}).parse(JSON.parse(stored));
  } catch {
    return {};
  }
}

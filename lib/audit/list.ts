// Reading the audit log, newest first, with the same keyset pagination as
// connections: a cursor on (createdAt, id) rather than an OFFSET, so no event
// is skipped or shown twice while new ones arrive.
import "server-only";
import { z } from "zod";
import { db, type AuditEvent } from "../db";
// Keyset cursors over (createdAt, id) are the same for every newest-first list.
import { afterCursor, decodeCursor, encodeCursor } from "../pagination";
import { parseInput } from "../validation";

const auditFilter = z.object({
  action: z.string().trim().min(1).max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** Which events: one application's, one connection's, or (admins only, checked by the caller) all. */
export type AuditScope = { applicationId?: string; connectionId?: string };

export type AuditEventView = Omit<AuditEvent, "details"> & { details: Record<string, unknown> };

export type AuditPage = { items: AuditEventView[]; nextCursor: string | null };

export async function listAuditEvents(scope: AuditScope, filter: unknown): Promise<AuditPage> {
  const { action, cursor, limit } = parseInput(auditFilter, filter);
  const prisma = await db();
  const events = await prisma.auditEvent.findMany({
    where: { applicationId: scope.applicationId, connectionId: scope.connectionId, action, ...afterCursor(cursor ? decodeCursor(cursor) : undefined) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const hasMore = events.length > limit;
  const page = hasMore ? events.slice(0, limit) : events;
  return { items: page.map(withDetails), nextCursor: hasMore ? encodeCursor(page[page.length - 1]!) : null };
}

function withDetails(event: AuditEvent): AuditEventView {
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

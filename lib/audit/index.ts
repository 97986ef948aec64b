// The audit log: who did what to which application or connection, when, from where.
// Details are facts (ids, names, counts, outcomes), never a secret or token.
import "server-only";
import type { Actor } from "../actor";
import { createBatchWriter, db, type AuditActorType } from "../db";
import { newId } from "../ids";

export { listAuditEvents, type AuditEventView } from "./list";
export { latestConnectionEvents, loadAuditNames, type AuditNames } from "./names";

/** Every actor but the vault itself has an id. */
export type AuditActor = { type: Exclude<AuditActorType, "SYSTEM">; id: string } | { type: Extract<AuditActorType, "SYSTEM">; id?: undefined };

export type AuditEntry = {
  action: string;
  actor: AuditActor;
  applicationId?: string | null;
  connectionId?: string | null;
  ipAddress?: string | null;
  details?: Record<string, unknown>;
};

export function userActor(actor: Actor): AuditActor & { type: "USER" } {
  return { type: "USER", id: actor.userId };
}

// Group commit: events recorded in the same turn of the event loop are one
// INSERT. Each caller still waits until its event is committed.
const auditLog = createBatchWriter(async (rows: ReturnType<typeof auditRow>[]) => {
  const prisma = await db();
  await prisma.auditEvent.createMany({ data: rows });
});

/** Records one event, durably, before it returns. Inside a transaction, create `auditRow(entry)` with the transaction instead. */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  await auditLog.write(auditRow(entry));
}

export function auditRow(entry: AuditEntry) {
  return {
    id: newId("evt"),
    action: entry.action,
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    applicationId: entry.applicationId ?? null,
    connectionId: entry.connectionId ?? null,
    ipAddress: entry.ipAddress ?? null,
    details: JSON.stringify(entry.details ?? {}),
  };
}

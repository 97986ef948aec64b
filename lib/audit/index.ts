// The audit log: who did what to which application or connection, when, from where.
// Details are facts (ids, names, counts, outcomes), never a secret or token.
import "server-only";
import type { Actor } from "../actor";
import { db, type Database } from "../db";
import { newId } from "../ids";

export { listAuditEvents, type AuditEventView } from "./list";

export type AuditActor =
  | { type: "USER"; id: string }
  | { type: "API_KEY"; id: string }
  | { type: "END_USER"; id: string }
  | { type: "SYSTEM"; id?: undefined };

export type AuditEntry = {
  action: string;
  actor: AuditActor;
  applicationId?: string | null;
  connectionId?: string | null;
  ipAddress?: string | null;
  details?: Record<string, unknown>;
};

export function userActor(actor: Actor): AuditActor {
  return { type: "USER", id: actor.userId };
}

type Writer = Pick<Database, "auditEvent">;

/** Records one event; pass a transaction client to make it part of a larger write. */
export async function recordAudit(entry: AuditEntry, writer?: Writer): Promise<void> {
  const client = writer ?? (await db());
  await client.auditEvent.create({ data: auditRow(entry) });
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

// What admins review across every application: all connected accounts and
// the whole audit log, each row with its application's name. Anyone else is
// told "not found", whatever the page in front of this does.
import "server-only";
import { assertAdmin, type Actor } from "../actor";
import { listAuditEvents } from "../audit";
import { listConnections } from "../connections";
import { db } from "../db";

/** Names of these applications; a deleted application is absent (audit events outlive it). */
async function applicationNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const prisma = await db();
  const applications = await prisma.application.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(applications.map((application) => [application.id, application.name]));
}

/** One page of every application's connections, newest first (the same filter as the API's). */
export async function listAllConnections(actor: Actor, filter: unknown) {
  assertAdmin(actor);
  const page = await listConnections({}, filter);
  const names = await applicationNames(page.items.map((connection) => connection.applicationId));
  return { ...page, items: page.items.map((connection) => ({ connection, applicationName: names.get(connection.applicationId) ?? null })) };
}

/** One page of the whole audit log, newest first, filtered as listAuditEvents is. */
export async function listAuditLog(actor: Actor, filter: unknown) {
  assertAdmin(actor);
  return listAuditEvents({}, filter);
}

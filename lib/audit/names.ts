// The names behind the ids of a page of audit events (accounts' emails, API keys' names,
// connections' accounts, applications' names), so the log reads as sentences. One query
// per kind of thing for the whole page; a thing deleted since is simply absent.
import "server-only";
import { db, type ConnectionStatus } from "../db";
import { withDetails, type AuditEventView } from "./list";

export type AuditNames = {
  users: Map<string, string>;
  apiKeys: Map<string, { name: string; applicationId: string }>;
  connections: Map<string, { applicationId: string; provider: string; endUserId: string; accountLogin: string | null; status: ConnectionStatus }>;
  applications: Map<string, string>;
};

function idsOf(values: unknown[]): string[] {
  return [...new Set(values.filter((value): value is string => typeof value === "string" && value.length > 0))];
}

export async function loadAuditNames(events: AuditEventView[]): Promise<AuditNames> {
  const userIds = idsOf(events.flatMap((event) => [event.actorType === "USER" ? event.actorId : null, event.details.userId]));
  const apiKeyIds = idsOf(events.flatMap((event) => [event.actorType === "API_KEY" ? event.actorId : null, event.details.apiKeyId]));
  const connectionIds = idsOf(events.map((event) => event.connectionId));
  const applicationIds = idsOf(events.map((event) => event.applicationId));
  const prisma = await db();
  const [users, apiKeys, connections, applications] = await Promise.all([
    userIds.length ? prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [],
    apiKeyIds.length ? prisma.apiKey.findMany({ where: { id: { in: apiKeyIds } }, select: { id: true, name: true, applicationId: true } }) : [],
    connectionIds.length
      ? prisma.connection.findMany({
          where: { id: { in: connectionIds } },
          select: { id: true, applicationId: true, provider: true, endUserId: true, accountLogin: true, status: true },
        })
      : [],
    applicationIds.length ? prisma.application.findMany({ where: { id: { in: applicationIds } }, select: { id: true, name: true } }) : [],
  ]);
  return {
    users: new Map(users.map((user) => [user.id, user.email])),
    apiKeys: new Map(apiKeys.map(({ id, ...key }) => [id, key])),
    connections: new Map(connections.map(({ id, ...connection }) => [id, connection])),
    applications: new Map(applications.map((application) => [application.id, application.name])),
  };
}

/** The newest event of this action for each of these connections (e.g. when each turned Needs re-authorization). */
export async function latestConnectionEvents(action: string, connectionIds: string[]): Promise<Map<string, AuditEventView>> {
  if (connectionIds.length === 0) return new Map();
  const prisma = await db();
  const events = await prisma.auditEvent.findMany({
    where: { action, connectionId: { in: connectionIds } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const latest = new Map<string, AuditEventView>();
  for (const event of events) if (event.connectionId && !latest.has(event.connectionId)) latest.set(event.connectionId, withDetails(event));
  return latest;
}

// Reading and disconnecting connections, for the API (scoped to the API
// key's application) and the portal (scoped by the actor's rights).
import "server-only";
import { z } from "zod";
import { isAdmin, type Actor } from "../actor";
import { auditRow, type AuditActor } from "../audit";
import { containsText, createBatchLoader, db, type Connection } from "../db";
import { revokeConnections, type DeletedBy } from "../events";
import { NotFound } from "../errors";
import { describeError, log } from "../log";
import { loadProviderCredentials } from "../provider-configs";
import { findProvider, providerId } from "../providers";
import { revokeAtProvider, type RemoteRevocation } from "./remote-revocation";
import { parseInput } from "../validation";
import { afterCursor, decodeCursor, pageOf } from "../pagination";

import { apiStatus, storedStatus } from "./view";

export { apiStatus, connectionView, type ConnectionView, type ConnectionStatus, type ApiConnectionStatus } from "./view";
export { storeConnection, type ConnectionToStore } from "./store";
export { findKeyedConnection, readToken, readTokenForActor, type KeyCheck } from "./token-read";
export { ensureFreshToken, replaceRejectedToken, revealAccessToken } from "./token";
export type { RemoteRevocation } from "./remote-revocation";

export const connectionFilter = z.object({
  provider: providerId.optional(),
  endUserId: z.string().trim().min(1).max(255).optional(),
  /** Part of the end-user ID, or of the account's login, name or email (the portal's search box). */
  search: z.string().trim().min(1).max(255).optional(),
  /** As the API spells it: active, needs_reauthorization, revoked. */
  status: z.enum(Object.values(apiStatus)).transform(storedStatus).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export type ConnectionPage = { items: Connection[]; nextCursor: string | null };

/** One page of connections, newest first. `applicationId` undefined means all (admin only). */
export async function listConnections(scope: { applicationId?: string }, filter: unknown): Promise<ConnectionPage> {
  const { provider, endUserId, search, status, cursor, limit } = parseInput(connectionFilter, filter);
  const prisma = await db();
  const matching = search
    ? { OR: (["endUserId", "accountLogin", "accountName", "accountEmail"] as const).map((column) => ({ [column]: containsText(search) })) }
    : {};
  const items = await prisma.connection.findMany({
    where: { applicationId: scope.applicationId, provider, endUserId, status, AND: [matching, afterCursor(cursor ? decodeCursor(cursor) : undefined)] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  return pageOf(items, limit);
}

// Token reads look their connection up; concurrent reads share one query.
const connectionsById = createBatchLoader(async (ids: string[]) => {
  const prisma = await db();
  const connections = await prisma.connection.findMany({ where: { id: { in: ids } } });
  return new Map(connections.map((connection) => [connection.id, connection]));
});

/** The application's connection; another application's is "not found". */
export async function getConnection(applicationId: string, connectionId: string): Promise<Connection> {
  const connection = await connectionsById.load(connectionId);
  if (!connection || connection.applicationId !== applicationId) throw new NotFound("The connection");
  return connection;
}

/** A connection the actor may see (its application's owner, or an admin). */
export async function getConnectionForActor(actor: Actor, connectionId: string) {
  const prisma = await db();
  const connection = await prisma.connection.findUnique({ where: { id: connectionId }, include: { application: true } });
  if (!connection || (!isAdmin(actor) && connection.application.ownerId !== actor.userId)) throw new NotFound("The connection");
  return connection;
}

/**
 * A connection whose credentials the actor may use (its token, a call with it): only its
 * application's owner. Admins review and disconnect any connection but use no one else's
 * credentials; to them, as to anyone else, it is "not found".
 */
export async function getOwnedConnection(actor: Actor, connectionId: string) {
  const connection = await getConnectionForActor(actor, connectionId);
  if (connection.application.ownerId !== actor.userId) throw new NotFound("The connection");
  return connection;
}

/** The application's client credentials for a revocation; settings that cannot be read (a secret no key opens) revoke nothing. */
async function credentialsToRevokeWith(applicationId: string, providerId: string) {
  try {
    return (await loadProviderCredentials(applicationId, providerId))?.credentials ?? null;
  } catch (error) {
    log.error("could not read the provider settings to revoke a disconnected connection's token", {
      applicationId,
      provider: providerId,
      ...describeError(error),
    });
    return null;
  }
}

/** How `connection.deleted` names who disconnected: an API key's backend, a portal user, or the end user on their page. */
const deletedBy = { API_KEY: "api", USER: "portal", END_USER: "end_user" } as const satisfies Record<Exclude<AuditActor["type"], "SYSTEM">, DeletedBy>;

export type Disconnected = { connection: Connection; remoteRevocation: RemoteRevocation };

/**
 * Deletes the tokens and marks the connection Revoked, then revokes the held token at the
 * provider where it has a revocation endpoint, whether or not the provider can be reached.
 * A connection already revoked (by a concurrent disconnect too) changes nothing: no second
 * audit row, event or revocation, and the answer says there was no token left to revoke.
 */
export async function disconnect(
  connection: Connection,
  by: AuditActor & { type: keyof typeof deletedBy },
  ipAddress: string | null = null,
): Promise<Disconnected> {
  const prisma = await db();
  const revoked = await prisma.$transaction((tx) => revokeConnections(tx, { id: connection.id }, deletedBy[by.type]));
  const after = await prisma.connection.findUniqueOrThrow({ where: { id: connection.id } });
  if (revoked === 0) return { connection: after, remoteRevocation: "not_supported" };
  // The tokens as the caller read them: the row no longer has them.
  const provider = findProvider(connection.provider);
  const remoteRevocation =
    provider && provider.revocation.kind !== "none"
      ? await revokeAtProvider(provider, await credentialsToRevokeWith(connection.applicationId, provider.id), connection)
      : "not_supported";
  await prisma.auditEvent.create({
    data: auditRow({
      action: "connection.disconnected",
      actor: by,
      applicationId: connection.applicationId,
      connectionId: connection.id,
      ipAddress,
      details: { provider: connection.provider, endUserId: connection.endUserId, ...(remoteRevocation === "not_supported" ? {} : { remoteRevocation }) },
    }),
  });
  return { connection: after, remoteRevocation };
}

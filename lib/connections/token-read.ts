// GET /api/v1/connections/{id}/token: a fresh token, and an audit event for
// the read. The common case (a valid key, a token fresh beyond the margin) is
// one joined lookup and one insert through the driver (lib/db/direct);
// anything else (a refresh, re-authorization) takes the full path. The proxy
// authenticates its callers through the same lookup. The portal's "Get token"
// reads the same fresh token for a signed-in user and leaves the same event.
import "server-only";
import type { Actor } from "../actor";
import { auditRow, userActor, type AuditActor } from "../audit";
import { directDb } from "../db";
import { NotFound } from "../errors";
import { getConnection, getOwnedConnection } from ".";
import { ensureFreshToken, servableAsStored, tokenResponse, type FreshToken } from "./token";

/** How the API key is checked (lib/api-keys' apiKeyCheck): passed in, as api-keys is a store beside this one. */
export type KeyCheck = {
  presentedHash(authorization: string | null): string;
  accept(presentedHash: string, stored: { id: string; hash: string; revoked: boolean; lastUsedAt: Date | null } | undefined): Promise<void>;
};

/** The caller's key, checked, and the connection when it is the key's application's, in one driver-level lookup. */
export async function findKeyedConnection(keys: KeyCheck, authorization: string | null, connectionId: string) {
  const presentedHash = keys.presentedHash(authorization);
  const found = await directDb().findTokenRead(presentedHash, connectionId);
  await keys.accept(presentedHash, found && { id: found.apiKeyId, hash: found.apiKeyHash, revoked: found.apiKeyRevoked, lastUsedAt: found.apiKeyLastUsedAt });
  const { applicationId, apiKeyId, connection } = found!;
  if (!connection) throw new NotFound("The connection");
  return { applicationId, apiKeyId, connection };
}

export async function readToken(keys: KeyCheck, authorization: string | null, connectionId: string, ipAddress: string | null): Promise<FreshToken> {
  const { applicationId, apiKeyId, connection: snapshot } = await findKeyedConnection(keys, authorization, connectionId);
  const token = servableAsStored(snapshot) ? tokenResponse(snapshot) : tokenResponse(await ensureFreshToken(await getConnection(applicationId, connectionId)));
  await recordTokenRead({ type: "API_KEY", id: apiKeyId }, applicationId, connectionId, ipAddress);
  return token;
}

/** "Get token" in the portal: the connection's fresh token, for its application's owner only, audited as theirs from their address. */
export async function readTokenForActor(actor: Actor, connectionId: string, ipAddress: string | null): Promise<{ token: FreshToken; applicationId: string }> {
  const connection = await getOwnedConnection(actor, connectionId);
  const token = tokenResponse(await ensureFreshToken(connection));
  await recordTokenRead(userActor(actor), connection.applicationId, connection.id, ipAddress);
  return { token, applicationId: connection.applicationId };
}

/** Every token read leaves this one event, whoever read it. */
async function recordTokenRead(actor: AuditActor, applicationId: string, connectionId: string, ipAddress: string | null): Promise<void> {
  await directDb().insertAudit(auditRow({ action: "connection.token_read", actor, applicationId, connectionId, ipAddress }), new Date());
}

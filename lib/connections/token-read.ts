// GET /api/v1/connections/{id}/token: a fresh token, and an audit event for the read.
import "server-only";
import type { ApiCaller } from "../api-keys";
import { recordAudit } from "../audit";
import { getConnection } from ".";
import { ensureFreshToken, tokenResponse, type FreshToken } from "./token";

export async function readToken(caller: ApiCaller, connectionId: string, ipAddress: string | null): Promise<FreshToken> {
  const connection = await ensureFreshToken(await getConnection(caller.application.id, connectionId));
  const token = tokenResponse(connection);
  await recordAudit({
    action: "connection.token_read",
    actor: { type: "API_KEY", id: caller.apiKeyId },
    applicationId: connection.applicationId,
    connectionId: connection.id,
    ipAddress,
  });
  return token;
}

// "Get token" in the portal: the same fresh token the API hands a backend, read by
// a signed-in developer or admin, and audited as theirs like any other read.
import "server-only";
import type { Actor } from "../actor";
import { recordAudit, userActor } from "../audit";
import { getConnectionForActor } from ".";
import { ensureFreshToken, tokenResponse, type FreshToken } from "./token";

export async function readTokenForActor(actor: Actor, connectionId: string): Promise<FreshToken> {
  const connection = await getConnectionForActor(actor, connectionId);
  const token = tokenResponse(await ensureFreshToken(connection));
  await recordAudit({ action: "connection.token_read", actor: userActor(actor), applicationId: connection.applicationId, connectionId: connection.id });
  return token;
}

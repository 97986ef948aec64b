// On disconnect, the token the vault held is revoked at the provider where its declaration names a
// way (the token only, never the end user's whole grant). A provider that cannot be reached or
// refuses does not stop the disconnect: the caller is told, and the portal says so.
import "server-only";
import type { Connection } from "../db";
import { describeError, log } from "../log";
import { ProviderUnreachable, revoke, RevocationRefused, type ClientCredentials } from "../provider-client";
import type { ProviderDefinition } from "../providers";
import { openToken } from "./sealing";

/** `not_supported`: the provider has no revocation endpoint (Bitbucket), or there was no token left to revoke. */
export type RemoteRevocation = "revoked" | "failed" | "not_supported";

export async function revokeAtProvider(
  provider: ProviderDefinition,
  credentials: ClientCredentials | null,
  connection: Pick<Connection, "id" | "accessToken" | "refreshToken">,
): Promise<RemoteRevocation> {
  if (provider.revocation.kind === "none") return "not_supported";
  if (!connection.accessToken && !connection.refreshToken) return "not_supported";
  if (!credentials) return "failed";
  try {
    // RFC 7009 ends the access token's pair through either token; GitHub's endpoint takes the access token.
    const token = connection.accessToken
      ? openToken(connection.id, "accessToken", connection.accessToken)
      : openToken(connection.id, "refreshToken", connection.refreshToken!);
    await revoke(provider, credentials, token);
    return "revoked";
  } catch (error) {
    if (error instanceof ProviderUnreachable || error instanceof RevocationRefused) {
      log.warn("could not revoke a disconnected connection's token at the provider", {
        connectionId: connection.id,
        provider: provider.id,
        error: error.message,
      });
    } else {
      // A token no key opens, or anything else unplanned, must not keep the tokens here: the local disconnect goes on.
      log.error("unexpected error revoking a disconnected connection's token at the provider", {
        connectionId: connection.id,
        provider: provider.id,
        ...describeError(error),
      });
    }
    return "failed";
  }
}

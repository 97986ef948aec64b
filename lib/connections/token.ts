// Handing out a fresh access token: the vault's reason to exist.
import "server-only";
import { getConfig } from "../config";
import type { Connection } from "../db";
import { openToken } from "./sealing";
import { refreshConnection } from "./refresh";

export type FreshToken = { accessToken: string; tokenType: string; expiresAt: string | null; scopes: string[] };

type TokenFields = Pick<Connection, "id" | "accessToken" | "tokenType" | "expiresAt" | "grantedScopes">;

/** Valid for at least the refresh margin. No expiry: a token that never expires (GitHub's classic OAuth App tokens). */
export function freshEnough(marginSeconds = getConfig().refreshMarginSeconds) {
  return (connection: Pick<Connection, "accessToken" | "expiresAt">): boolean =>
    Boolean(connection.accessToken && (connection.expiresAt === null || connection.expiresAt.getTime() - Date.now() > marginSeconds * 1000));
}

/** Whether the stored token can be handed out as it is. */
export function servableAsStored(connection: Pick<Connection, "status" | "accessToken" | "expiresAt">): boolean {
  return connection.status === "ACTIVE" && freshEnough()(connection);
}

/** The connection's token, refreshed first when it expires within the margin. */
export async function ensureFreshToken(connection: Connection): Promise<Connection> {
  if (servableAsStored(connection)) return connection;
  return refreshConnection(connection.id, freshEnough(), "expiring");
}

/** After the provider rejected `rejectedSealedToken`: a token other than that one. */
export async function replaceRejectedToken(connection: Connection): Promise<Connection> {
  const rejected = connection.accessToken;
  return refreshConnection(connection.id, (current) => Boolean(current.accessToken) && current.accessToken !== rejected, "rejected");
}

export function tokenResponse(connection: TokenFields): FreshToken {
  return {
    accessToken: openToken(connection.id, "accessToken", connection.accessToken!).reveal(),
    tokenType: connection.tokenType,
    expiresAt: connection.expiresAt?.toISOString() ?? null,
    scopes: connection.grantedScopes.split(" ").filter(Boolean),
  };
}

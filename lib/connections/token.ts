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

type TokenState = Pick<Connection, "id" | "status" | "accessToken" | "expiresAt">;

/** The connection's token, refreshed first when it expires within the margin. */
export async function ensureFreshToken<Held extends TokenState>(connection: Held): Promise<Held | Connection> {
  if (servableAsStored(connection)) return connection;
  return refreshConnection(connection.id, freshEnough(), "expiring");
}

/** After the provider rejected the connection's token: a token other than that one. */
export async function replaceRejectedToken(connection: Pick<Connection, "id" | "accessToken">): Promise<Connection> {
  const rejected = connection.accessToken;
  return refreshConnection(connection.id, (current) => Boolean(current.accessToken) && current.accessToken !== rejected, "rejected");
}

/** The access token in clear, for the one call it is sent with. */
export function revealAccessToken(connection: Pick<Connection, "id" | "accessToken">): string {
  return openToken(connection.id, "accessToken", connection.accessToken!).reveal();
}

export function tokenResponse(connection: TokenFields): FreshToken {
  return {
    accessToken: revealAccessToken(connection),
    tokenType: connection.tokenType,
    expiresAt: connection.expiresAt?.toISOString() ?? null,
    scopes: connection.grantedScopes.split(" ").filter(Boolean),
  };
}

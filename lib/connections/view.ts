// What a connection looks like outside the vault: metadata, never tokens.
import type { Connection, ConnectionStatus } from "../db";

export type { ConnectionStatus };

export const apiStatus = { ACTIVE: "active", NEEDS_REAUTH: "needs_reauthorization", REVOKED: "revoked" } as const satisfies Record<ConnectionStatus, string>;

export type ApiConnectionStatus = (typeof apiStatus)[ConnectionStatus];

export function storedStatus(status: ApiConnectionStatus): ConnectionStatus {
  return (Object.keys(apiStatus) as ConnectionStatus[]).find((stored) => apiStatus[stored] === status)!;
}

function words(text: string): string[] {
  return text.split(" ").filter(Boolean);
}

export function connectionView(connection: Connection) {
  return {
    id: connection.id,
    provider: connection.provider,
    endUserId: connection.endUserId,
    status: apiStatus[connection.status],
    account: {
      id: connection.providerAccountId,
      login: connection.accountLogin,
      displayName: connection.accountName,
      email: connection.accountEmail,
      avatarUrl: connection.avatarUrl,
    },
    grantedScopes: words(connection.grantedScopes),
    missingScopes: words(connection.missingScopes),
    expiresAt: connection.expiresAt?.toISOString() ?? null,
    lastRefreshedAt: connection.lastRefreshedAt?.toISOString() ?? null,
    createdAt: connection.createdAt.toISOString(),
    updatedAt: connection.updatedAt.toISOString(),
  };
}

export type ConnectionView = ReturnType<typeof connectionView>;

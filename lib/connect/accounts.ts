// The end user's "Your connected accounts" page: what it shows and what its
// buttons do. Everything goes through the link's session and is scoped to its
// application and end user, so no other end user's or application's connection
// is ever read or changed from here.
import "server-only";
import { getConfig } from "../config";
import { disconnect, listConnections, type RemoteRevocation } from "../connections";
import { db, type Connection } from "../db";
import { NotFound } from "../errors";
import { findProviderConfig } from "../provider-configs";
import { findProvider, providers, scopeDescription } from "../providers";
import { openEndUserSession, secondsLeft, type OpenEndUserSession } from "./end-user-sessions";
import { createConnectSession } from "./sessions";

export type ConnectedAccount = {
  connectionId: string;
  providerId: string;
  providerName: string;
  accountName: string;
  accountLogin: string | null;
  avatarUrl: string | null;
  /** The granted scopes in words, from the provider's scope table. */
  permissions: string[];
  missingPermissions: string[];
  connectedSince: Date;
  lastUsedAt: Date | null;
  needsReconnect: boolean;
  /** Whether the application still lets its end users connect this provider (Reconnect is offered only then). */
  providerEnabled: boolean;
};

export type AccountsPage = {
  application: { name: string; logoUrl: string | null; accentColor: string | null };
  returnUrl: string | null;
  accounts: ConnectedAccount[];
  /** Enabled providers the end user has no live connection to. */
  connectable: { providerId: string; providerName: string }[];
};

// A connection is "used" when the developer's backend reads its token (audited) or calls the provider
// through it (the request log; proxied calls were audited before the request log existed).
const USE_ACTIONS = ["connection.token_read", "connection.proxied"];

/** The page for a link, or null when the link is unknown or expired. */
export async function connectedAccountsPage(token: string): Promise<AccountsPage | null> {
  const session = await openEndUserSession(token);
  if (!session) return null;
  const [connections, enabled] = await Promise.all([liveConnections(session), enabledProviders(session.applicationId)]);
  const lastUse = await lastUsed(connections.map((connection) => connection.id));
  const accounts = connections.flatMap((connection) => {
    const provider = findProvider(connection.provider);
    if (!provider) return [];
    const words = (scopes: string) =>
      scopes
        .split(" ")
        .filter(Boolean)
        .map((scope) => scopeDescription(provider, scope));
    return [
      {
        connectionId: connection.id,
        providerId: provider.id,
        providerName: provider.name,
        accountName: connection.accountName ?? connection.accountLogin ?? connection.providerAccountId,
        accountLogin: connection.accountLogin,
        avatarUrl: connection.avatarUrl,
        permissions: words(connection.grantedScopes),
        missingPermissions: words(connection.missingScopes),
        connectedSince: connection.createdAt,
        lastUsedAt: lastUse.get(connection.id) ?? null,
        needsReconnect: connection.status === "NEEDS_REAUTH",
        providerEnabled: enabled.has(provider.id),
      },
    ];
  });
  const connected = new Set(accounts.map((account) => account.providerId));
  const { name, logoUrl, accentColor } = session.application;
  return {
    application: { name, logoUrl, accentColor },
    returnUrl: session.returnUrl,
    accounts,
    connectable: providers
      .filter((provider) => enabled.has(provider.id) && !connected.has(provider.id))
      .map(({ id, name }) => ({ providerId: id, providerName: name })),
  };
}

/** This end user's connections that still hold tokens (a disconnected one is gone from the page). */
async function liveConnections(session: OpenEndUserSession): Promise<Connection[]> {
  const { items } = await listConnections({ applicationId: session.applicationId }, { endUserId: session.endUserId, limit: 100 });
  return items.filter((connection) => connection.status !== "REVOKED").reverse();
}

async function enabledProviders(applicationId: string): Promise<Set<string>> {
  const configs = await Promise.all(providers.map((provider) => findProviderConfig(applicationId, provider.id)));
  return new Set(configs.filter((config) => config?.enabled).map((config) => config!.provider));
}

async function lastUsed(connectionIds: string[]): Promise<Map<string, Date>> {
  if (connectionIds.length === 0) return new Map();
  const prisma = await db();
  const [reads, calls] = await Promise.all([
    prisma.auditEvent.groupBy({ by: ["connectionId"], where: { connectionId: { in: connectionIds }, action: { in: USE_ACTIONS } }, _max: { createdAt: true } }),
    prisma.proxyRequest.groupBy({ by: ["connectionId"], where: { connectionId: { in: connectionIds } }, _max: { createdAt: true } }),
  ]);
  const latest = new Map<string, Date>();
  for (const row of [...reads, ...calls]) {
    const at = row._max.createdAt;
    if (!row.connectionId || !at) continue;
    const known = latest.get(row.connectionId);
    if (!known || at > known) latest.set(row.connectionId, at);
  }
  return latest;
}

/**
 * Disconnect, by the end user: revoked at the provider where it can be, tokens deleted, audited as
 * the end user's doing. Null when the link has expired; NotFound for a connection not theirs.
 */
export async function disconnectAccount(
  token: string,
  connectionId: string,
  ipAddress: string | null,
): Promise<{ providerId: string; remoteRevocation: RemoteRevocation } | null> {
  const session = await openEndUserSession(token);
  if (!session) return null;
  const prisma = await db();
  const connection = await prisma.connection.findFirst({
    where: { id: connectionId, applicationId: session.applicationId, endUserId: session.endUserId, status: { not: "REVOKED" } },
  });
  if (!connection) throw new NotFound("The connection");
  const { remoteRevocation } = await disconnect(connection, { type: "END_USER", id: session.endUserId }, ipAddress);
  return { providerId: connection.provider, remoteRevocation };
}

export type ConnectStart =
  | { kind: "expired" }
  /** To the authorize route; the cookie carries the page's link so the callback can send the end user back to it. */
  | { kind: "authorize"; redirectTo: string; cookieMaxAgeSeconds: number };

/** Connect or Reconnect: a connect session for this end user, as the API would make one, that returns to this page. */
export async function startConnectFromAccounts(token: string, provider: string, ipAddress: string | null): Promise<ConnectStart> {
  const session = await openEndUserSession(token);
  if (!session) return { kind: "expired" };
  const connect = await createConnectSession(
    session.application,
    { endUserId: session.endUserId, provider },
    { actor: { type: "END_USER", id: session.endUserId }, ipAddress, endUserSessionId: session.id },
  );
  const redirectTo = new URL(`/api/oauth/${encodeURIComponent(provider)}/authorize`, getConfig().appUrl);
  redirectTo.searchParams.set("session", connect.token);
  return { kind: "authorize", redirectTo: redirectTo.toString(), cookieMaxAgeSeconds: secondsLeft(session) };
}

// Refreshing a connection's access token, following the rules in DESIGN.md
// ("Keeping tokens fresh"): one refresher at a time (the lease), waiters reuse
// its result, rotated refresh tokens are stored in the same write as the new
// access token, `invalid_grant` is a revocation only if nobody else refreshed
// meanwhile, and transient failures back off without marking anything broken.
// A refused client (the application's own credentials) backs off too, and marks
// the provider settings rather than the connection: reconnecting cannot fix it.
import "server-only";
import { auditRow } from "../audit";
import { db, type Connection } from "../db";
import { recordConnectionEvent, refreshFailureSentSince } from "../events";
import { ConnectionRevoked, NeedsReauthorization, NotFound, ProviderCredentialsRejected, ProviderUnavailable } from "../errors";
import { log } from "../log";
import { ProviderUnreachable, refresh, refusesClient, TokenEndpointRefused } from "../provider-client";
import { clearCredentialsRejected, loadProviderCredentials, markCredentialsRejected, type StoredProviderCredentials } from "../provider-configs";
import { findProvider, type ProviderDefinition } from "../providers";
import { heldBy, LEASE_MS, released, releaseLease, tryTakeLease, type Lease } from "./lease";
import { openToken, sealToken } from "./sealing";

const WAIT_POLL_MS = 50;
const FIRST_BACKOFF_MS = 15_000;
const MAX_BACKOFF_MS = 15 * 60_000;
/** Transient refresh failures in a row before the backend hears connection.refresh_failed: the first one is retried quietly. */
const FAILURES_REPORTED = 2;

export type RefreshReason = "expiring" | "rejected" | "background";

/** When a refresh is no longer needed: the row already holds what the caller wants. */
export type Satisfied = (connection: Connection) => boolean;

// Concurrent requests in this process for one connection share one attempt (on globalThis: the
// server's direct proxy route loads this module beside Next's bundle; the lease guards across processes).
const holder = globalThis as unknown as { latchkeyRefreshesInFlight?: Map<string, Promise<Connection>> };
const inFlight = (holder.latchkeyRefreshesInFlight ??= new Map<string, Promise<Connection>>());

/**
 * Makes sure the connection's token satisfies `satisfied`, refreshing if not.
 * Returns the row as it is afterwards. Throws NeedsReauthorization,
 * ProviderUnavailable or ProviderCredentialsRejected (with the stored token
 * expired), or NotFound.
 */
export function refreshConnection(connectionId: string, satisfied: Satisfied, reason: RefreshReason): Promise<Connection> {
  const running = inFlight.get(connectionId);
  if (running) return running;
  const attempt = refreshOnce(connectionId, satisfied, reason).finally(() => inFlight.delete(connectionId));
  inFlight.set(connectionId, attempt);
  return attempt;
}

async function refreshOnce(connectionId: string, satisfied: Satisfied, reason: RefreshReason): Promise<Connection> {
  const deadline = Date.now() + LEASE_MS + 5_000;
  for (;;) {
    const current = await readConnection(connectionId);
    if (current.status === "NEEDS_REAUTH") throw needsReauthorization(current);
    if (current.status !== "ACTIVE") throw new ConnectionRevoked();
    if (satisfied(current)) return current;
    const backingOff = current.nextRetryAt && current.nextRetryAt > new Date();
    if (backingOff) return usableOrUnavailable(current, reason, current.nextRetryAt!, current.lastError);

    const lease = await tryTakeLease(connectionId);
    if (lease) return refreshUnderLease(lease, satisfied, reason);
    // Another process is refreshing: wait for its result instead of calling the provider again.
    if (Date.now() > deadline) throw new ProviderUnavailable(providerOf(current).name, 5);
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
  }
}

async function refreshUnderLease(lease: Lease, satisfied: Satisfied, reason: RefreshReason): Promise<Connection> {
  // Re-read under the lease: the previous holder may have just done the work.
  const connection = await readConnection(lease.connectionId);
  if (connection.status !== "ACTIVE" || satisfied(connection)) {
    await releaseLease(lease);
    return connection;
  }
  const provider = providerOf(connection);
  const stored = await loadProviderCredentials(connection.applicationId, provider.id);
  if (!stored || !connection.refreshToken) return markNeedsReauth(lease, connection, stored ? "no refresh token" : "provider settings deleted");

  const currentRefreshToken = openToken(connection.id, "refreshToken", connection.refreshToken);
  try {
    const tokens = await refresh(provider, stored.credentials, currentRefreshToken);
    const rotated = tokens.refreshToken !== null && tokens.refreshToken.reveal() !== currentRefreshToken.reveal();
    const prisma = await db();
    const now = new Date();
    // One write: the new access token and the rotated refresh token (if any) land together.
    const refreshed = await prisma.$transaction(async (tx) => {
      const stored = await tx.connection.updateMany({
        where: heldBy(lease),
        data: {
          accessToken: sealToken(connection.id, "accessToken", tokens.accessToken),
          ...(tokens.refreshToken ? { refreshToken: sealToken(connection.id, "refreshToken", tokens.refreshToken) } : {}),
          tokenType: tokens.tokenType,
          expiresAt: tokens.expiresAt,
          ...(tokens.grantedScopes ? { grantedScopes: tokens.grantedScopes.join(" ") } : {}),
          lastRefreshedAt: now,
          failureCount: 0,
          nextRetryAt: null,
          lastError: null,
          ...released,
        },
      });
      await tx.auditEvent.create({
        data: auditRow({
          action: "connection.refreshed",
          actor: { type: "SYSTEM" },
          applicationId: connection.applicationId,
          connectionId: connection.id,
          details: { reason, rotated },
        }),
      });
      // Recovered exactly when connection.refresh_failed went out for this failing streak (a streak began after the last success).
      const streakSince = connection.lastRefreshedAt ?? connection.createdAt;
      if (stored.count === 1 && (await refreshFailureSentSince(tx, connection, streakSince))) {
        await recordConnectionEvent(tx, "connection.recovered", connection);
      }
      return tx.connection.findUniqueOrThrow({ where: { id: connection.id } });
    });
    if (stored.config.credentialsRejectedAt) await clientAcceptedAgain(stored);
    return refreshed;
  } catch (error) {
    if (error instanceof TokenEndpointRefused && (error.error === "invalid_grant" || error.error === "invalid_request")) {
      return afterInvalidGrant(lease, connection, error.error);
    }
    if (error instanceof ProviderUnreachable || error instanceof TokenEndpointRefused) return backOff(lease, connection, error, stored, reason);
    await releaseLease(lease);
    throw error;
  }
}

/** `invalid_grant`: a lost race if the refresh token changed meanwhile, else a real revocation. */
async function afterInvalidGrant(lease: Lease, before: Connection, oauthError: string): Promise<Connection> {
  const now = await readConnection(before.id);
  if (now.refreshToken !== before.refreshToken) {
    await releaseLease(lease);
    log.info("refresh lost a race; using the tokens another refresher stored", { connectionId: before.id });
    return now;
  }
  return markNeedsReauth(lease, before, oauthError);
}

async function markNeedsReauth(lease: Lease, connection: Connection, why: string): Promise<never> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const marked = await tx.connection.updateMany({ where: heldBy(lease), data: { status: "NEEDS_REAUTH", lastError: why, nextRetryAt: null, ...released } });
    await tx.auditEvent.create({
      data: auditRow({
        action: "connection.needs_reauthorization",
        actor: { type: "SYSTEM" },
        applicationId: connection.applicationId,
        connectionId: connection.id,
        details: { reason: why },
      }),
    });
    if (marked.count === 1) await recordConnectionEvent(tx, "connection.needs_reauthorization", connection, { reason: why });
  });
  throw needsReauthorization(connection);
}

/** Transient trouble, or a refused client: wait longer after each failure; the connection stays Active. */
async function backOff(
  lease: Lease,
  connection: Connection,
  error: ProviderUnreachable | TokenEndpointRefused,
  stored: StoredProviderCredentials,
  reason: RefreshReason,
): Promise<Connection> {
  const failures = connection.failureCount + 1;
  const retryAfterMs = Math.max(
    error instanceof ProviderUnreachable && error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : 0,
    Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (failures - 1)),
  );
  const nextRetryAt = new Date(Date.now() + retryAfterMs);
  const lastError = error instanceof ProviderUnreachable ? error.reason : error.error;
  const clientRefused = error instanceof TokenEndpointRefused && refusesClient(error.error);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const marked = await tx.connection.updateMany({ where: heldBy(lease), data: { failureCount: failures, nextRetryAt, lastError, ...released } });
    // Once per failing streak, when the first retry failed too; a refused client has its own event (provider.credentials_rejected).
    if (marked.count === 1 && failures === FAILURES_REPORTED && !clientRefused) {
      await recordConnectionEvent(tx, "connection.refresh_failed", connection, { reason: lastError });
    }
  });
  log.warn("token refresh failed; backing off", { connectionId: connection.id, failures, lastError, retryInSeconds: Math.round(retryAfterMs / 1000) });
  if (clientRefused) await markCredentialsRejected(stored.config, lastError, "refresh");
  return usableOrUnavailable(connection, reason, nextRetryAt, lastError);
}

/** The provider took the client credentials again (e.g. after a passing refusal): the settings are no longer marked. */
async function clientAcceptedAgain(stored: StoredProviderCredentials): Promise<void> {
  if (await clearCredentialsRejected(await db(), stored.config)) {
    log.info("provider accepted the application's client credentials again", { applicationId: stored.config.applicationId, provider: stored.config.provider });
  }
}

/**
 * While the stored token is still valid (and the provider has not just
 * rejected it) it is returned; otherwise the caller is told to retry later,
 * or, when the provider refused the client itself, that the developer must
 * fix its credentials.
 */
function usableOrUnavailable(connection: Connection, reason: RefreshReason, nextRetryAt: Date, lastError: string | null): Connection {
  if (reason !== "rejected" && (connection.expiresAt === null || connection.expiresAt > new Date())) return connection;
  const provider = providerOf(connection).name;
  if (lastError && refusesClient(lastError)) throw new ProviderCredentialsRejected(provider);
  throw new ProviderUnavailable(provider, Math.max(1, (nextRetryAt.getTime() - Date.now()) / 1000));
}

async function readConnection(connectionId: string): Promise<Connection> {
  const prisma = await db();
  const connection = await prisma.connection.findUnique({ where: { id: connectionId } });
  if (!connection) throw new NotFound("The connection");
  return connection;
}

function providerOf(connection: Connection): ProviderDefinition {
  const provider = findProvider(connection.provider);
  if (!provider) throw new Error(`connection ${connection.id} names an unknown provider`);
  return provider;
}

function needsReauthorization(connection: Connection): NeedsReauthorization {
  return new NeedsReauthorization(connection.id, providerOf(connection).name);
}

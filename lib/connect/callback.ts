// Step 2 of the dance: the provider sends the end user back with a code (or
// an error). Every check happens before anything is written; the connection,
// the used connect session and the audit event are written together or not at all.
// A callback that names no state of ours is nobody's: it is counted in the log,
// never in the audit log, so junk traffic cannot fill it.
import "server-only";
import { auditRow } from "../audit";
import { hashToken } from "../crypto";
import { recordConnectionEvent } from "../events";
import { db, type ConnectSession, type OAuthState } from "../db";
import { storeConnection } from "../connections";
import { getConfig } from "../config";
import { missingScopes, redirectUri, type ProviderDefinition } from "../providers";
import { clearCredentialsRejected, loadProviderCredentials, markCredentialsRejected, type StoredProviderCredentials } from "../provider-configs";
import { ConnectFailure, type ConnectFailureCode } from "./failures";
import { exchangeCode, ProfileUnreadable, ProviderUnreachable, readProfile, refusesClient, TokenEndpointRefused } from "../provider-client";
import { asConnectFailure, auditConnectFailure } from "./unexpected";
import { openCodeVerifier } from "./code-verifier";
import { describeError, log } from "../log";

// endUserSessionId: the end user's accounts page the dance was started from, if any.
export type CallbackOutcome =
  | { kind: "connected"; connectionId: string; connectSessionId: string; returnUrl: string | null; endUserSessionId: string | null; missingScopes: string[] }
  | { kind: "failed"; code: ConnectFailureCode; returnUrl: string | null; endUserSessionId: string | null };

export type CallbackRequest = { query: URLSearchParams; browserBinding: string | undefined; ipAddress: string | null };

// Callbacks in this process that named no state of ours, for the log line.
let strayCallbacks = 0;

export async function completeAuthorization(provider: ProviderDefinition, request: CallbackRequest): Promise<CallbackOutcome> {
  let session: ConnectSession | undefined;
  try {
    const state = await findState(request.query);
    session = state.connectSession;
    await claimState(state, provider, request.browserBinding);
    const connected = await connect(provider, state, request);
    return {
      kind: "connected",
      connectionId: connected.id,
      connectSessionId: session.id,
      returnUrl: session.returnUrl,
      endUserSessionId: session.endUserSessionId,
      missingScopes: connected.missingScopes,
    };
  } catch (error) {
    const failure = asConnectFailure(error, "callback", provider, session);
    if (!session) {
      if (failure.code !== "internal_error") {
        strayCallbacks += 1;
        log.warn("callback with no state of ours; not audited", { provider: provider.id, code: failure.code, ipAddress: request.ipAddress, strayCallbacks });
      }
      return { kind: "failed", code: failure.code, returnUrl: null, endUserSessionId: null };
    }
    await auditConnectFailure(provider, session, failure, request.ipAddress);
    return { kind: "failed", code: failure.code, returnUrl: session.returnUrl, endUserSessionId: session.endUserSessionId };
  }
}

type StoredState = OAuthState & { connectSession: ConnectSession };

async function findState(query: URLSearchParams): Promise<StoredState> {
  const state = query.get("state");
  if (!state) throw new ConnectFailure("state_missing");
  const prisma = await db();
  const stored = await prisma.oAuthState.findUnique({ where: { stateHash: hashToken(state) }, include: { connectSession: true } });
  if (!stored) throw new ConnectFailure("state_invalid");
  return stored;
}

/** Checks the state's provider, browser, age and use, then marks it used (compare-and-set, so only one request wins). */
async function claimState(stored: StoredState, provider: ProviderDefinition, browserBinding: string | undefined): Promise<void> {
  // Mix-up defence (RFC 9700 §4.4): a state issued for one provider must not complete at another's callback.
  if (stored.connectSession.provider !== provider.id) throw new ConnectFailure("state_invalid", { issuedFor: stored.connectSession.provider });
  if (!browserBinding || hashToken(browserBinding) !== stored.browserBindingHash) throw new ConnectFailure("browser_mismatch");
  if (stored.usedAt) throw new ConnectFailure("state_used");
  if (stored.expiresAt <= new Date()) throw new ConnectFailure("state_expired");
  const prisma = await db();
  const claimed = await prisma.oAuthState.updateMany({ where: { id: stored.id, usedAt: null }, data: { usedAt: new Date() } });
  if (claimed.count !== 1) throw new ConnectFailure("state_used");
  const session = stored.connectSession;
  if (session.usedAt || session.expiresAt <= new Date()) throw new ConnectFailure("session_unusable");
}

async function connect(provider: ProviderDefinition, state: StoredState, { query, ipAddress }: CallbackRequest) {
  const session = state.connectSession;
  const error = query.get("error");
  if (error) throw new ConnectFailure(error === "access_denied" ? "access_denied" : "provider_error", { providerError: error.slice(0, 100) });
  const code = query.get("code");
  if (!code) throw new ConnectFailure("provider_error", { providerError: "no code" });
  const codeVerifier = codeVerifierOf(provider, state);

  const settings = await loadProviderCredentials(session.applicationId, provider.id);
  if (!settings || !settings.config.enabled) throw new ConnectFailure("provider_disabled");

  const tokens = await translateProviderErrors(() => exchange(provider, settings, code, codeVerifier));
  const grantedScopes = tokens.grantedScopes ?? [];
  const account = await translateProviderErrors(() => readProfile(provider, tokens.accessToken, grantedScopes));
  const missing = missingScopes(provider, settings.requiredScopes, grantedScopes);

  const prisma = await db();
  const saved = await prisma.$transaction(async (tx) => {
    const used = await tx.connectSession.updateMany({ where: { id: session.id, usedAt: null }, data: { usedAt: new Date() } });
    if (used.count !== 1) throw new ConnectFailure("session_unusable");
    const stored = await storeConnection(tx, {
      applicationId: session.applicationId,
      provider: provider.id,
      endUserId: session.endUserId,
      account,
      tokens,
      grantedScopes,
      missingScopes: missing,
    });
    const event = stored.created ? "connection.created" : "connection.reconnected";
    await recordConnectionEvent(tx, event, {
      id: stored.id,
      applicationId: session.applicationId,
      endUserId: session.endUserId,
      provider: provider.id,
      providerAccountId: account.id,
      accountLogin: account.login,
      accountName: account.name,
    });
    // The provider took the client credentials: an earlier refusal of them is over.
    if (settings.config.credentialsRejectedAt) await clearCredentialsRejected(tx, settings.config);
    await tx.auditEvent.create({
      data: auditRow({
        action: stored.created ? "connection.created" : "connection.reconnected",
        actor: { type: "END_USER", id: session.endUserId },
        applicationId: session.applicationId,
        connectionId: stored.id,
        ipAddress,
        details: { provider: provider.id, missingScopes: missing },
      }),
    });
    return stored;
  });
  return { ...saved, missingScopes: missing };
}

/** The state's PKCE verifier; a state issued without one cannot complete at a provider with PKCE. */
function codeVerifierOf(provider: ProviderDefinition, state: StoredState): string | undefined {
  if (!provider.pkce) return undefined;
  if (!state.codeVerifier) throw new ConnectFailure("state_invalid", { reason: "no code verifier" });
  return openCodeVerifier(state.id, state.codeVerifier).reveal();
}

/** The code exchange. A refused client marks the application's settings (its developer's to fix). */
async function exchange(provider: ProviderDefinition, stored: StoredProviderCredentials, code: string, codeVerifier: string | undefined) {
  try {
    return await exchangeCode(provider, stored.credentials, {
      code,
      redirectUri: redirectUri(getConfig().appUrl, provider),
      codeVerifier,
      requestedScopes: stored.requiredScopes,
    });
  } catch (error) {
    if (error instanceof TokenEndpointRefused && refusesClient(error.error)) await markCredentialsRejected(stored.config, error.error, "connect");
    throw error;
  }
}

/** Maps what the provider said into the end user's failure codes. */
async function translateProviderErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof TokenEndpointRefused) {
      if (error.error === "invalid_grant") throw new ConnectFailure("code_rejected");
      if (refusesClient(error.error)) throw new ConnectFailure("client_rejected");
      throw new ConnectFailure("provider_error", { providerError: error.error });
    }
    if (error instanceof ProviderUnreachable) throw new ConnectFailure("provider_unavailable", { reason: error.reason });
    if (error instanceof ProfileUnreadable) {
      log.warn("connected account's profile unreadable", describeError(error));
      throw new ConnectFailure("profile_unreadable");
    }
    throw error;
  }
}

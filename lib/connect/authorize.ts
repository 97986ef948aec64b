// Step 1 of the dance: a connect session becomes a redirect to the provider's
// authorize page, with a state that is random, stored only as a hash,
// single-use, short-lived and bound to this browser by a cookie.
import "server-only";
import { getConfig } from "../config";
import { hashToken, randomToken, Secret } from "../crypto";
import { db, type ConnectSession } from "../db";
import { newId } from "../ids";
import { authorizationUrl, codeChallengeOf, newCodeVerifier } from "../provider-client";
import { openConnectSession, type OpenConnectSession } from "./sessions";
import { redirectUri, type ProviderDefinition } from "../providers";
import { sealCodeVerifier } from "./code-verifier";
import { ConnectFailure, type ConnectFailureCode } from "./failures";
import { asConnectFailure, auditConnectFailure } from "./unexpected";

export const STATE_LIFETIME_MS = 10 * 60_000;
export const BROWSER_BINDING_COOKIE = "lk_oauth_binding";

export type AuthorizationStart = { redirectTo: string; browserBinding: string };
export type AuthorizationOutcome = ({ kind: "redirect" } & AuthorizationStart) | { kind: "failed"; code: ConnectFailureCode };

export type AuthorizationRequest = { connectToken: string; browserBinding: string | undefined; ipAddress: string | null };

/** Every failure is an outcome; unexpected ones are `internal_error` (logged, and audited once the session is known). */
export async function beginAuthorization(provider: ProviderDefinition, request: AuthorizationRequest): Promise<AuthorizationOutcome> {
  let session: ConnectSession | undefined;
  try {
    const opened = await openUsableSession(provider, request.connectToken);
    session = opened.session;
    return { kind: "redirect", ...(await redirectWithState(provider, opened, request.browserBinding)) };
  } catch (error) {
    const failure = asConnectFailure(error, "authorize", provider, session);
    if (session && failure.code === "internal_error") await auditConnectFailure(provider, session, failure, request.ipAddress);
    return { kind: "failed", code: failure.code };
  }
}

async function openUsableSession(provider: ProviderDefinition, connectToken: string): Promise<OpenConnectSession> {
  const opened = await openConnectSession(connectToken);
  if ("problem" in opened) throw new ConnectFailure(opened.problem === "provider_unavailable" ? "provider_disabled" : "session_unusable");
  if (opened.provider.id !== provider.id) throw new ConnectFailure("session_unusable");
  return opened;
}

async function redirectWithState(
  provider: ProviderDefinition,
  opened: OpenConnectSession,
  existingBrowserBinding: string | undefined,
): Promise<AuthorizationStart> {
  const state = randomToken();
  // One binding per browser, reused across tabs, so two tabs can both finish.
  const browserBinding = existingBrowserBinding && existingBrowserBinding.length >= 32 ? existingBrowserBinding : randomToken();
  const id = newId("st");
  // PKCE (RFC 7636): one verifier per state, kept sealed with it until the callback sends it.
  const codeVerifier = provider.pkce ? new Secret(newCodeVerifier()) : null;
  const prisma = await db();
  await prisma.oAuthState.create({
    data: {
      id,
      stateHash: hashToken(state),
      connectSessionId: opened.session.id,
      browserBindingHash: hashToken(browserBinding),
      codeVerifier: codeVerifier && sealCodeVerifier(id, codeVerifier),
      expiresAt: new Date(Date.now() + STATE_LIFETIME_MS),
    },
  });
  const url = authorizationUrl(provider, opened.providerConfig, {
    state,
    redirectUri: redirectUri(getConfig().appUrl, provider),
    scopes: opened.requiredScopes,
    codeChallenge: codeVerifier ? await codeChallengeOf(codeVerifier.reveal()) : undefined,
  });
  return { redirectTo: url.toString(), browserBinding };
}

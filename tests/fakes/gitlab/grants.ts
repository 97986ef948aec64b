import { createHash } from "node:crypto";
import { missingParam, oauthError, type OAuthError } from "./errors";
import { redirectUriMatches } from "./redirect-uri";
import { parseScopes } from "./scopes";
import type { FakeGitLabState } from "./state";
import type { TokenRow } from "./tokens";
import type { FakeGitLabApplication } from "./types";

/** `nonce` is the authorize request's, for the id_token of a code exchange. */
export type GrantResult = { ok: true; row: TokenRow; nonce?: string | null } | { ok: false; error: OAuthError };

const failure = (error: OAuthError): GrantResult => ({ ok: false, error });

function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/**
 * `grant_type=authorization_code`, with Doorkeeper's checks in its order ([DA]): missing
 * code_verifier or redirect_uri (invalid_request) come before client authentication, so a probe
 * with a redirect_uri tells a wrong secret (invalid_client) from a right one (invalid_grant).
 */
export function exchangeCode(state: FakeGitLabState, params: URLSearchParams, client: FakeGitLabApplication | null): GrantResult {
  const code = params.get("code") ?? "";
  const grant = state.tokens.grant(code);
  const verifier = params.get("code_verifier");
  if (grant?.codeChallenge && !verifier) return failure(missingParam("code_verifier"));
  const redirectUri = params.get("redirect_uri");
  if (!redirectUri) return failure(missingParam("redirect_uri"));
  if (!client) return failure(oauthError("invalid_client"));
  const usable = grant && !grant.revoked && Date.now() < grant.expiresAt && grant.applicationId === client.applicationId;
  if (!usable) return failure(oauthError("invalid_grant"));
  if (!redirectUriMatches(redirectUri, grant.redirectUri)) return failure(oauthError("invalid_grant"));
  // A verifier for a grant without a challenge is refused too (Doorkeeper's validate_code_verifier).
  if (verifier !== null || grant.codeChallenge !== null) {
    const expected = grant.codeChallengeMethod === "S256" ? s256(verifier ?? "") : verifier;
    if (grant.codeChallenge === null || expected !== grant.codeChallenge) return failure(oauthError("invalid_grant"));
  }
  grant.revoked = true;
  return { ok: true, row: state.createTokenRow(client, grant.username, grant.scopes, null), nonce: grant.nonce };
}

/**
 * `grant_type=refresh_token` ([DR]): rotates both tokens. With `keepPreviousRefreshToken` the old
 * pair stays valid until the new access token is first used; otherwise it is revoked at once.
 * A `scope` may only narrow the grant.
 */
export function refreshTokens(
  state: FakeGitLabState,
  params: URLSearchParams,
  client: FakeGitLabApplication | null,
  clientSentCredentials: boolean,
): GrantResult {
  const refreshToken = params.get("refresh_token");
  if (!refreshToken) return failure(missingParam("refresh_token"));
  const row = state.tokens.byRefreshToken(refreshToken);
  if (!row || row.revoked) return failure(oauthError("invalid_grant"));
  if (clientSentCredentials && !client) return failure(oauthError("invalid_client"));
  if (!client || client.applicationId !== row.applicationId) return failure(oauthError("invalid_grant"));
  const requested = params.get("scope");
  const scopes = requested?.trim() ? parseScopes(requested) : row.scopes;
  if (!scopes.every((scope) => row.scopes.includes(scope))) return failure(oauthError("invalid_scope"));
  const keepPrevious = state.settings.keepPreviousRefreshToken;
  if (!keepPrevious) row.revoked = true;
  return { ok: true, row: state.createTokenRow(client, row.username, scopes, keepPrevious ? refreshToken : null) };
}

/**
 * What using an access token does first ([AF]): the refresh token it replaced, and that token's
 * access token, are revoked now.
 */
export function revokePreviousRefreshToken(state: FakeGitLabState, row: TokenRow): void {
  if (row.previousRefreshToken === null) return;
  const previous = state.tokens.byRefreshToken(row.previousRefreshToken);
  if (previous) previous.revoked = true;
  row.previousRefreshToken = null;
}

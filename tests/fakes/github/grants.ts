import { redirectUriAllowed } from "./redirect-uri";
import { normalizeScopes } from "./scopes";
import { newClassicToken, newCode, newExpiringToken, newRefreshToken, verifierMatches } from "./tokens";
import type { FakeApplication, FakeGitHubSettings, GrantParties, IssuedTokens } from "./types";

/** One sign-in of one user into one app; every token descends from one. */
export interface Grant {
  clientId: string;
  login: string;
  scopes: string[];
  revoked: boolean;
}

interface AuthorizationCode {
  grant: Grant;
  redirectUri: string | null;
  codeChallenge: string | null;
  expiresAt: number;
  used: boolean;
}

interface AccessToken {
  grant: Grant;
  /** Null for classic tokens, which never expire [TX]. */
  expiresAt: number | null;
}

interface RefreshToken {
  grant: Grant;
  /** The access token issued with it; refreshing kills both at once [RUT]. */
  accessToken: string;
  expiresAt: number;
}

/** GitHub's token-endpoint error names; it has no invalid_grant or invalid_client [TE][AOA]. */
export type TokenErrorCode =
  "incorrect_client_credentials" | "redirect_uri_mismatch" | "bad_verification_code" | "bad_refresh_token" | "unsupported_grant_type";

export type TokenResult = { ok: true; tokens: IssuedTokens } | { ok: false; error: TokenErrorCode; description?: string };

/** A classic token is revoked when an 11th is made for the same user, app and scopes [TX]. */
const TOKENS_PER_SCOPE_SET = 10;

const grantKey = (grant: Grant): string => `${grant.clientId}\n${grant.login}\n${grant.scopes.join(",")}`;

/** Codes, access and refresh tokens: their issue, exchange, rotation, expiry and revocation. */
export class GrantStore {
  private codes = new Map<string, AuthorizationCode>();
  /** Insertion-ordered, so the oldest token of a scope set is found first. */
  private accessTokens = new Map<string, AccessToken>();
  private refreshTokens = new Map<string, RefreshToken>();

  /** Read at each issue, so a settings change applies to the next token. */
  constructor(private readonly settings: () => FakeGitHubSettings) {}

  clear(): void {
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  /** Tokens as a completed sign-in would get. */
  issue({ clientId, login }: GrantParties, scopes: readonly string[]): IssuedTokens {
    return this.issueTokens({ clientId, login, scopes: normalizeScopes(scopes), revoked: false }).tokens;
  }

  /** The grant behind a token that still works: known, not revoked, not expired. */
  live(accessToken: string | null): Grant | null {
    const record = accessToken === null ? undefined : this.accessTokens.get(accessToken);
    if (!record || record.grant.revoked) return null;
    return record.expiresAt !== null && Date.now() >= record.expiresAt ? null : record.grant;
  }

  revokeGrant(login: string, clientId: string): void {
    for (const { grant } of [...this.accessTokens.values(), ...this.refreshTokens.values()]) {
      if (grant.login === login && grant.clientId === clientId) grant.revoked = true;
    }
  }

  expireAccessTokens(): void {
    const now = Date.now();
    for (const token of this.accessTokens.values()) {
      if (token.expiresAt !== null) token.expiresAt = Math.min(token.expiresAt, now);
    }
  }

  /** The scopes this user last granted this app, reused when an authorize request has no `scope` [AOA]. */
  previouslyGrantedScopes(clientId: string, login: string): string[] {
    const grants = [...this.accessTokens.values()].map((token) => token.grant);
    const last = grants.filter((grant) => grant.clientId === clientId && grant.login === login && !grant.revoked).at(-1);
    return last ? [...last.scopes] : [];
  }

  issueCode(grant: Omit<Grant, "revoked">, redirectUri: string | null, codeChallenge: string | null): string {
    const code = newCode();
    this.codes.set(code, {
      grant: { ...grant, scopes: normalizeScopes(grant.scopes), revoked: false },
      redirectUri,
      codeChallenge,
      expiresAt: Date.now() + this.settings().authorizationCodeLifetimeSeconds * 1000,
      used: false,
    });
    return code;
  }

  exchangeCode(application: FakeApplication, code: string | null, redirectUri: string | null, codeVerifier: string | null): TokenResult {
    const record = code === null ? undefined : this.codes.get(code);
    if (!record || record.grant.clientId !== application.clientId || record.used || Date.now() >= record.expiresAt) {
      return { ok: false, error: "bad_verification_code" };
    }
    if (
      redirectUri !== null &&
      (!redirectUriAllowed(redirectUri, application.callbackUrl) || (record.redirectUri !== null && redirectUri !== record.redirectUri))
    ) {
      return { ok: false, error: "redirect_uri_mismatch" };
    }
    // A code obtained with a challenge needs the verifier it was made from [AOA]; GitHub documents no
    // separate error name for a wrong one, so it is reported as a bad code.
    if (record.codeChallenge !== null && !verifierMatches(codeVerifier, record.codeChallenge)) {
      return {
        ok: false,
        error: "bad_verification_code",
        description: "The code_verifier does not match the code_challenge.",
      };
    }
    record.used = true;
    return this.issueTokens(record.grant);
  }

  /** Rotation kills the used refresh token and its access token at once; there is no grace [RUT]. */
  refresh(application: FakeApplication, refreshToken: string | null): TokenResult {
    const record = refreshToken === null ? undefined : this.refreshTokens.get(refreshToken);
    if (!refreshToken || !record || record.grant.clientId !== application.clientId || record.grant.revoked || Date.now() >= record.expiresAt) {
      return { ok: false, error: "bad_refresh_token" };
    }
    this.refreshTokens.delete(refreshToken);
    this.accessTokens.delete(record.accessToken);
    // The scope of an OAuth App token is fixed on refresh [AOA].
    return this.issueTokens(record.grant);
  }

  /** Deletes one live token of this app (and the refresh token issued with it); false if it is not one. */
  deleteToken(clientId: string, accessToken: string): boolean {
    if (this.live(accessToken)?.clientId !== clientId) return false;
    this.removeToken(accessToken);
    return true;
  }

  /** Revokes the whole authorization behind a token: every token of that user for this app. */
  deleteGrant(clientId: string, accessToken: string): boolean {
    const grant = this.live(accessToken);
    if (grant?.clientId !== clientId) return false;
    this.revokeGrant(grant.login, clientId);
    return true;
  }

  private issueTokens(grant: Grant): TokenResult & { ok: true } {
    const expiring = this.settings().expiringTokens;
    const accessToken = expiring ? newExpiringToken() : newClassicToken();
    const now = Date.now();
    const accessLifetime = this.settings().accessTokenLifetimeSeconds;
    const refreshLifetime = this.settings().refreshTokenLifetimeSeconds;
    this.dropOldestBeyondLimit(grant);
    this.accessTokens.set(accessToken, { grant, expiresAt: expiring ? now + accessLifetime * 1000 : null });
    const tokens: IssuedTokens = {
      accessToken,
      expiresIn: null,
      refreshToken: null,
      refreshTokenExpiresIn: null,
      scopes: [...grant.scopes],
    };
    if (!expiring) return { ok: true, tokens };
    const refreshToken = newRefreshToken();
    this.refreshTokens.set(refreshToken, { grant, accessToken, expiresAt: now + refreshLifetime * 1000 });
    return {
      ok: true,
      tokens: {
        ...tokens,
        expiresIn: Math.ceil(accessLifetime),
        refreshToken,
        refreshTokenExpiresIn: Math.ceil(refreshLifetime),
      },
    };
  }

  private dropOldestBeyondLimit(grant: Grant): void {
    const key = grantKey(grant);
    const sameSet = [...this.accessTokens].filter(([, token]) => grantKey(token.grant) === key);
    const excess = sameSet.length - TOKENS_PER_SCOPE_SET + 1;
    for (const [oldest] of sameSet.slice(0, Math.max(0, excess))) this.removeToken(oldest);
  }

  private removeToken(accessToken: string): void {
    this.accessTokens.delete(accessToken);
    for (const [refreshToken, refresh] of this.refreshTokens) {
      if (refresh.accessToken === accessToken) this.refreshTokens.delete(refreshToken);
    }
  }
}

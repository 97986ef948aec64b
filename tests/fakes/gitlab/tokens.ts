import { randomBytes } from "node:crypto";

/** An authorization code (Doorkeeper's access grant), single-use. */
export interface AccessGrant {
  applicationId: string;
  username: string;
  scopes: string[];
  redirectUri: string;
  codeChallenge: string | null;
  codeChallengeMethod: "plain" | "S256" | null;
  /** OpenID Connect `nonce` from the authorize request, echoed in the id_token. */
  nonce: string | null;
  expiresAt: number;
  revoked: boolean;
}

/**
 * Doorkeeper keeps an access token and its refresh token in one row, so revoking either revokes
 * both, and a row's expiry is its access token's expiry.
 */
export interface TokenRow {
  accessToken: string;
  refreshToken: string;
  applicationId: string;
  username: string;
  scopes: string[];
  /** Unix seconds, as `created_at` in the token response. */
  createdAt: number;
  expiresIn: number | null;
  /** Null when the token never expires; `expireAccessTokens` may set it on any row. */
  expiresAt: number | null;
  revoked: boolean;
  /** The refresh token this row replaced, revoked when this row's access token is first used. */
  previousRefreshToken: string | null;
}

/** 64 hex characters, no prefix, like GitLab's access and refresh tokens ([OA][DK]). */
export function randomHexToken(): string {
  return randomBytes(32).toString("hex");
}

/** Codes, token rows and their indexes by access and refresh token. */
export class TokenStore {
  private grants = new Map<string, AccessGrant>();
  private byAccess = new Map<string, TokenRow>();
  private byRefresh = new Map<string, TokenRow>();

  clear(): void {
    this.grants.clear();
    this.byAccess.clear();
    this.byRefresh.clear();
  }

  addGrant(grant: AccessGrant): string {
    const code = randomHexToken();
    this.grants.set(code, grant);
    return code;
  }

  grant(code: string): AccessGrant | undefined {
    return this.grants.get(code);
  }

  createRow(fields: Omit<TokenRow, "accessToken" | "refreshToken" | "createdAt" | "revoked" | "expiresAt">): TokenRow {
    const now = Date.now();
    const row: TokenRow = {
      ...fields,
      accessToken: randomHexToken(),
      refreshToken: randomHexToken(),
      createdAt: Math.floor(now / 1000),
      expiresAt: fields.expiresIn === null ? null : now + fields.expiresIn * 1000,
      revoked: false,
    };
    this.byAccess.set(row.accessToken, row);
    this.byRefresh.set(row.refreshToken, row);
    return row;
  }

  byAccessToken(token: string): TokenRow | undefined {
    return this.byAccess.get(token);
  }

  byRefreshToken(token: string): TokenRow | undefined {
    return this.byRefresh.get(token);
  }

  rows(): IterableIterator<TokenRow> {
    return this.byAccess.values();
  }

  grantsOf(username: string, applicationId: string): AccessGrant[] {
    return [...this.grants.values()].filter((grant) => grant.username === username && grant.applicationId === applicationId);
  }
}

export function isExpired(row: TokenRow, now = Date.now()): boolean {
  return row.expiresAt !== null && now >= row.expiresAt;
}

/** Doorkeeper's `accessible?`: neither expired nor revoked. */
export function isAccessible(row: TokenRow): boolean {
  return !row.revoked && !isExpired(row);
}

/** Seconds left, as `expires_in` in `/oauth/token/info`; null for a token that never expires. */
export function secondsLeft(row: TokenRow): number | null {
  return row.expiresAt === null ? null : Math.max(0, Math.ceil((row.expiresAt - Date.now()) / 1000));
}

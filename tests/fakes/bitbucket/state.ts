import type { RecordedUpload } from "./files";
import { randomBytes } from "node:crypto";
import { FakeProviderState, type ProviderProfile } from "../shared/state";
import { completeUser, DEFAULT_SETTINGS, DEFAULT_USERS } from "./defaults";
import {
  settingsSchema,
  type FakeBitbucketControls,
  type FakeBitbucketOptions,
  type FakeBitbucketSettings,
  type FakeBitbucketStats,
  type FakeConsumer,
  type FakeUser,
  type FakeUserInput,
  type GrantParties,
  type InjectionTarget,
  type IssuedTokens,
} from "./types";

/** One user's authorization of one consumer; every token descends from one. */
export interface Grant {
  consumerKey: string;
  userNickname: string;
  scopes: string[];
  revoked: boolean;
}

interface AuthorizationCode {
  consumerKey: string;
  userNickname: string;
  scopes: string[];
  redirectUri: string | null;
  expiresAt: number;
  used: boolean;
}

interface AccessToken {
  grant: Grant;
  expiresAt: number;
}

interface RefreshToken {
  grant: Grant;
  /** Set when rotation replaces it; until then it lives as long as the grant. */
  diesAt: number | null;
}

/** The body of a 400 from the token endpoint. */
export interface OAuthError {
  error: "invalid_request" | "invalid_grant" | "unauthorized_client" | "unsupported_grant_type";
  error_description: string;
}

export type TokenResult = { ok: true; tokens: IssuedTokens } | { ok: false; error: OAuthError };

export type Authentication = { status: "valid"; grant: Grant; user: FakeUser } | { status: "invalid" } | { status: "expired" };

const HOUR_MS = 3_600_000;

function oauthError(error: OAuthError["error"], description: string): TokenResult {
  return { ok: false, error: { error, error_description: description } };
}

/**
 * URL-safe base64 that keeps its `=` padding, so clients must encode tokens
 * properly in form bodies. The text is 4/3 as long as the byte count.
 */
function randomToken(bytes: number): string {
  return randomBytes(bytes).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
}

function emptyStats(): FakeBitbucketStats {
  return { tokenRequests: { authorization_code: 0, refresh_token: 0, total: 0 }, apiRequests: 0 };
}

const PROFILE: ProviderProfile<FakeBitbucketSettings, FakeUser, FakeUserInput, FakeBitbucketStats> = {
  name: "Bitbucket",
  settingsSchema,
  defaultSettings: DEFAULT_SETTINGS,
  defaultUsers: DEFAULT_USERS,
  completeUser,
  userKey: (user) => user.nickname,
  emptyStats,
};

/** Everything the fake remembers; the HTTP handlers and the test controls both work on it. */
export class FakeBitbucketState
  extends FakeProviderState<FakeBitbucketSettings, FakeUser, FakeUserInput, InjectionTarget, FakeBitbucketStats>
  implements FakeBitbucketControls
{
  private consumers = new Map<string, FakeConsumer>();
  private codes = new Map<string, AuthorizationCode>();
  private accessTokens = new Map<string, AccessToken>();
  private refreshTokens = new Map<string, RefreshToken>();
  private apiCallTimes = new Map<string, number[]>();
  private repositoryFiles = new Map<string, number>();
  private uploads: RecordedUpload[] = [];

  constructor(
    private readonly options: FakeBitbucketOptions,
    baseUrl: string,
  ) {
    super(PROFILE, options, baseUrl);
    this.reset();
  }

  reset(): void {
    this.resetCommon();
    this.consumers = new Map((this.options.consumers ?? []).map((consumer) => [consumer.key, { ...consumer }]));
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.apiCallTimes.clear();
    this.repositoryFiles.clear();
    this.uploads = [];
  }

  addRepositoryFile(path: string, bytes: number): void {
    this.repositoryFiles.set(path, bytes);
  }

  repositoryFileSize(path: string): number | undefined {
    return this.repositoryFiles.get(path);
  }

  recordUpload(upload: RecordedUpload): void {
    this.uploads.push(upload);
  }

  downloadsUploads(): RecordedUpload[] {
    return structuredClone(this.uploads);
  }

  addConsumer(consumer: FakeConsumer): void {
    this.consumers.set(consumer.key, { ...consumer });
  }

  revokeGrant(userNickname: string, consumerKey: string): void {
    for (const { grant } of [...this.accessTokens.values(), ...this.refreshTokens.values()]) {
      if (grant.userNickname === userNickname && grant.consumerKey === consumerKey) grant.revoked = true;
    }
  }

  expireAccessTokens(): void {
    const now = Date.now();
    for (const token of this.accessTokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
  }

  issueTokensDirectly({ consumerKey, userNickname }: GrantParties): IssuedTokens {
    const consumer = this.consumers.get(consumerKey);
    if (!consumer) throw new Error(`Unknown consumer ${consumerKey}`);
    this.requireUser(userNickname);
    return this.issueTokens({ consumerKey, userNickname, scopes: [...consumer.permissions], revoked: false }).tokens;
  }

  getConsumer(key: string): FakeConsumer | undefined {
    return this.consumers.get(key);
  }

  /** Scopes are the consumer's permissions at the time the user grants access. */
  issueCode(consumer: FakeConsumer, user: FakeUser, redirectUri: string | null): string {
    const code = randomToken(18);
    this.codes.set(code, {
      consumerKey: consumer.key,
      userNickname: user.nickname,
      scopes: [...consumer.permissions],
      redirectUri,
      expiresAt: Date.now() + this.settings.authorizationCodeLifetimeSeconds * 1000,
      used: false,
    });
    return code;
  }

  exchangeCode(consumer: FakeConsumer, code: string | null, redirectUri: string | null): TokenResult {
    if (!consumer.callbackUrl) {
      return oauthError("invalid_request", "No callback uri defined for the OAuth client.");
    }
    const record = code === null ? undefined : this.codes.get(code);
    if (!record || record.consumerKey !== consumer.key) {
      return oauthError("invalid_grant", "The authorization code is invalid.");
    }
    if (record.used) return oauthError("invalid_grant", "The authorization code has already been used.");
    if (Date.now() >= record.expiresAt) return oauthError("invalid_grant", "The authorization code has expired.");
    if (redirectUri !== null && record.redirectUri !== null && redirectUri !== record.redirectUri) {
      return oauthError("invalid_grant", "The redirect_uri does not match the authorization request.");
    }
    record.used = true;
    const { consumerKey, userNickname, scopes } = record;
    return this.issueTokens({ consumerKey, userNickname, scopes, revoked: false });
  }

  refresh(consumer: FakeConsumer, refreshToken: string | null): TokenResult {
    if (!refreshToken) return oauthError("invalid_request", "Invalid refresh_token");
    const record = this.refreshTokens.get(refreshToken);
    const now = Date.now();
    if (!record || record.grant.consumerKey !== consumer.key || record.grant.revoked) {
      return oauthError("invalid_grant", "Invalid refresh_token");
    }
    if (record.diesAt !== null && now >= record.diesAt) {
      return oauthError("invalid_grant", "The refresh_token has been rotated and is no longer valid.");
    }
    const { accessToken, expiresIn } = this.createAccessToken(record.grant);
    if (this.settings.refreshMode === "static") {
      return { ok: true, tokens: { accessToken, refreshToken, expiresIn, scopes: [...record.grant.scopes] } };
    }
    // A retried refresh within the grace period must not extend the old token's life.
    record.diesAt ??= now + this.settings.rotatedRefreshTokenGraceSeconds * 1000;
    const rotated = this.createRefreshToken(record.grant);
    return { ok: true, tokens: { accessToken, refreshToken: rotated, expiresIn, scopes: [...record.grant.scopes] } };
  }

  authenticate(accessToken: string | null): Authentication {
    const record = accessToken === null ? undefined : this.accessTokens.get(accessToken);
    const user = record && this.getUser(record.grant.userNickname);
    if (!record || !user || record.grant.revoked) return { status: "invalid" };
    if (Date.now() >= record.expiresAt) return { status: "expired" };
    return { status: "valid", grant: record.grant, user };
  }

  /** Records an API call for the rolling-hour limit; false when the user is over it. */
  allowApiCall(userNickname: string): boolean {
    const limit = this.settings.rateLimitPerHour;
    if (limit === null) return true;
    const now = Date.now();
    const recent = (this.apiCallTimes.get(userNickname) ?? []).filter((time) => time > now - HOUR_MS);
    const allowed = recent.length < limit;
    if (allowed) recent.push(now);
    this.apiCallTimes.set(userNickname, recent);
    return allowed;
  }

  private issueTokens(grant: Grant): TokenResult & { ok: true } {
    const { accessToken, expiresIn } = this.createAccessToken(grant);
    const refreshToken = this.createRefreshToken(grant);
    return { ok: true, tokens: { accessToken, refreshToken, expiresIn, scopes: [...grant.scopes] } };
  }

  private createAccessToken(grant: Grant): { accessToken: string; expiresIn: number } {
    const accessToken = randomToken(this.settings.longTokens ? 1950 : 50);
    const lifetime = this.settings.accessTokenLifetimeSeconds;
    this.accessTokens.set(accessToken, { grant, expiresAt: Date.now() + lifetime * 1000 });
    return { accessToken, expiresIn: Math.ceil(lifetime) };
  }

  private createRefreshToken(grant: Grant): string {
    const refreshToken = randomToken(36);
    this.refreshTokens.set(refreshToken, { grant, diesAt: null });
    return refreshToken;
  }
}

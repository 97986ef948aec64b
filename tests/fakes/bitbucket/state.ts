import { randomBytes } from "node:crypto";
import { completeUser, DEFAULT_SETTINGS, DEFAULT_USERS } from "./defaults";
import {
  settingsSchema,
  type FakeBitbucketControls,
  type FakeBitbucketOptions,
  type FakeBitbucketSettings,
  type FakeBitbucketSettingsUpdate,
  type FakeBitbucketStats,
  type FakeConsumer,
  type FakeUser,
  type FakeUserInput,
  type GrantParties,
  type InjectedResponse,
  type InjectionTarget,
  type IssuedTokens,
  type RecordedApiRequest,
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

export type Authentication =
  | { status: "valid"; grant: Grant; user: FakeUser }
  | { status: "invalid" }
  | { status: "expired" };

const HOUR_MS = 3_600_000;

function oauthError(error: OAuthError["error"], description: string): TokenResult {
  return { ok: false, error: { error, error_description: description } };
}

/**
 * URL-safe base64 that keeps its `=` padding, so clients must encode tokens
 * properly in form bodies. The text is 4/3 as long as the byte count.
 */
function randomToken(bytes: number): string {
  return randomBytes(bytes)
    .toString("base64")
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
}

function emptyStats(): FakeBitbucketStats {
  return { tokenRequests: { authorization_code: 0, refresh_token: 0, total: 0 }, apiRequests: 0 };
}

/** Only the settings keys given a value, so absent options keep their current value. */
function definedSettings(source: Partial<FakeBitbucketSettings>): Partial<FakeBitbucketSettings> {
  const keys = Object.keys(DEFAULT_SETTINGS) as (keyof FakeBitbucketSettings)[];
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

/** Per-target queues of one-shot (or n-shot) behaviours injected by tests. */
class InjectionQueues<T> {
  private readonly queues = new Map<InjectionTarget, { value: T; remaining: number }[]>();

  add(target: InjectionTarget, value: T, times: number): void {
    const queue = this.queues.get(target) ?? [];
    queue.push({ value, remaining: times });
    this.queues.set(target, queue);
  }

  /** Consumes one use of the first queued entry among the targets, most specific target first. */
  take(targets: readonly InjectionTarget[]): T | undefined {
    for (const target of targets) {
      const queue = this.queues.get(target);
      const head = queue?.[0];
      if (!queue || !head) continue;
      head.remaining -= 1;
      if (head.remaining === 0) queue.shift();
      return head.value;
    }
    return undefined;
  }

  clear(): void {
    this.queues.clear();
  }
}

/** Everything the fake remembers; the HTTP handlers and the test controls both work on it. */
export class FakeBitbucketState implements FakeBitbucketControls {
  settings: FakeBitbucketSettings = DEFAULT_SETTINGS;
  readonly failures = new InjectionQueues<InjectedResponse>();
  readonly delays = new InjectionQueues<number>();
  private consumers = new Map<string, FakeConsumer>();
  /** Insertion-ordered: the first user is the one signed in by default. */
  private users = new Map<string, FakeUser>();
  private currentUserNickname = "";
  private codes = new Map<string, AuthorizationCode>();
  private accessTokens = new Map<string, AccessToken>();
  private refreshTokens = new Map<string, RefreshToken>();
  private apiCallTimes = new Map<string, number[]>();
  private counters = emptyStats();
  private lastApiRequestSeen: RecordedApiRequest | null = null;

  constructor(
    private readonly initial: FakeBitbucketOptions,
    readonly baseUrl: string,
  ) {
    this.reset();
  }

  reset(): void {
    this.settings = settingsSchema.parse({ ...DEFAULT_SETTINGS, ...definedSettings(this.initial) });
    this.consumers = new Map((this.initial.consumers ?? []).map((consumer) => [consumer.key, { ...consumer }]));
    this.users = new Map();
    for (const user of this.initial.users ?? DEFAULT_USERS) this.addUser(user);
    const firstUser = this.users.keys().next().value;
    if (firstUser === undefined) throw new Error("The fake Bitbucket needs at least one user");
    this.currentUserNickname = firstUser;
    if (this.initial.currentUser !== undefined) this.setCurrentUser(this.initial.currentUser);
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.apiCallTimes.clear();
    this.clearFailures();
    this.resetStats();
    this.lastApiRequestSeen = null;
  }

  addConsumer(consumer: FakeConsumer): void {
    this.consumers.set(consumer.key, { ...consumer });
  }

  addUser(input: FakeUserInput): FakeUser {
    const user = completeUser(input, this.baseUrl);
    this.users.set(user.nickname, user);
    return user;
  }

  setCurrentUser(nickname: string): void {
    this.requireUser(nickname);
    this.currentUserNickname = nickname;
  }

  updateSettings(update: FakeBitbucketSettingsUpdate): void {
    const settings = settingsSchema.parse({ ...this.settings, ...definedSettings(update) });
    if (update.currentUser !== undefined) this.setCurrentUser(update.currentUser);
    this.settings = settings;
  }

  failNext(target: InjectionTarget, response: InjectedResponse): void {
    this.failures.add(target, response, response.times ?? 1);
  }

  delayNext(target: InjectionTarget, ms: number, times = 1): void {
    this.delays.add(target, ms, times);
  }

  clearFailures(): void {
    this.failures.clear();
    this.delays.clear();
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

  stats(): FakeBitbucketStats {
    return structuredClone(this.counters);
  }

  resetStats(): void {
    this.counters = emptyStats();
  }

  getConsumer(key: string): FakeConsumer | undefined {
    return this.consumers.get(key);
  }

  getUser(nickname: string): FakeUser | undefined {
    return this.users.get(nickname);
  }

  listUsers(): FakeUser[] {
    return [...this.users.values()];
  }

  currentUser(): FakeUser {
    return this.requireUser(this.currentUserNickname);
  }

  countTokenRequest(grantType: string | null): void {
    this.counters.tokenRequests.total += 1;
    if (grantType === "authorization_code" || grantType === "refresh_token") {
      this.counters.tokenRequests[grantType] += 1;
    }
  }

  countApiRequest(request: RecordedApiRequest): void {
    this.counters.apiRequests += 1;
    this.lastApiRequestSeen = request;
  }

  lastApiRequest(): RecordedApiRequest | null {
    return structuredClone(this.lastApiRequestSeen);
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
    const user = record && this.users.get(record.grant.userNickname);
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

  private requireUser(nickname: string): FakeUser {
    const user = this.users.get(nickname);
    if (!user) throw new Error(`Unknown user ${nickname}`);
    return user;
  }
}

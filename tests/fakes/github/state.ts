import { InjectionQueues } from "../shared/injection";
import { completeUser, DEFAULT_SETTINGS, DEFAULT_USERS } from "./defaults";
import { redirectUriAllowed } from "./redirect-uri";
import { normalizeScopes } from "./scopes";
import { newClassicToken, newCode, newExpiringToken, newRefreshToken, verifierMatches } from "./tokens";
import {
  settingsSchema,
  type DirectIssue,
  type FakeApplication,
  type FakeGitHubControls,
  type FakeGitHubOptions,
  type FakeGitHubSettings,
  type FakeGitHubSettingsUpdate,
  type FakeGitHubStats,
  type FakeUser,
  type FakeUserInput,
  type InjectedResponse,
  type InjectionTarget,
  type IssuedTokens,
  type RecordedApiRequest,
} from "./types";

/** One sign-in of one user into one app; every token descends from one. */
interface Grant {
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

export interface AccessToken {
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
  | "incorrect_client_credentials"
  | "redirect_uri_mismatch"
  | "bad_verification_code"
  | "bad_refresh_token"
  | "unsupported_grant_type";

export type TokenResult =
  { ok: true; tokens: IssuedTokens } | { ok: false; error: TokenErrorCode; description?: string };

export type Authentication = { status: "valid"; grant: Grant; user: FakeUser } | { status: "invalid" };

export interface RateWindow {
  used: number;
  resetAt: number;
}

/** A classic token is revoked when an 11th is made for the same user, app and scopes [TX]. */
const TOKENS_PER_SCOPE_SET = 10;
const HOUR_MS = 3_600_000;
const FIRST_GENERATED_ID = 50_000_001;

function emptyStats(): FakeGitHubStats {
  return {
    tokenRequests: { authorization_code: 0, refresh_token: 0, total: 0 },
    apiRequests: 0,
    revocations: { token: 0, grant: 0 },
  };
}

/** Only the settings keys given a value, so absent options keep their current value. */
function definedSettings(source: Partial<FakeGitHubSettings>): Partial<FakeGitHubSettings> {
  const keys = Object.keys(DEFAULT_SETTINGS) as (keyof FakeGitHubSettings)[];
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

const grantKey = (grant: Grant): string => `${grant.clientId}\n${grant.login}\n${grant.scopes.join(",")}`;

/** Everything the fake remembers; the HTTP handlers and the test controls both work on it. */
export class FakeGitHubState implements FakeGitHubControls {
  settings: FakeGitHubSettings = DEFAULT_SETTINGS;
  readonly failures = new InjectionQueues<InjectionTarget, InjectedResponse>();
  readonly delays = new InjectionQueues<InjectionTarget, number>();
  private applications = new Map<string, FakeApplication>();
  /** Insertion-ordered: the first user is the one signed in by default. */
  private users = new Map<string, FakeUser>();
  private currentLogin = "";
  private codes = new Map<string, AuthorizationCode>();
  /** Insertion-ordered, so the oldest token of a scope set is found first. */
  private accessTokens = new Map<string, AccessToken>();
  private refreshTokens = new Map<string, RefreshToken>();
  private rateWindows = new Map<string, RateWindow>();
  private counters = emptyStats();
  private lastApiRequestSeen: RecordedApiRequest | null = null;

  constructor(
    private readonly initial: FakeGitHubOptions,
    readonly baseUrl: string,
  ) {
    this.reset();
  }

  reset(): void {
    this.settings = settingsSchema.parse({ ...DEFAULT_SETTINGS, ...definedSettings(this.initial) });
    this.applications = new Map((this.initial.applications ?? []).map((app) => [app.clientId, { ...app }]));
    this.users = new Map();
    for (const user of this.initial.users ?? DEFAULT_USERS) this.addUser(user);
    const firstUser = this.users.keys().next().value;
    if (firstUser === undefined) throw new Error("The fake GitHub needs at least one user");
    this.currentLogin = firstUser;
    if (this.initial.currentUser !== undefined) this.setCurrentUser(this.initial.currentUser);
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.rateWindows.clear();
    this.clearFailures();
    this.resetStats();
    this.lastApiRequestSeen = null;
  }

  addApplication(application: FakeApplication): void {
    this.applications.set(application.clientId, { ...application });
  }

  addUser(input: FakeUserInput): FakeUser {
    const user = completeUser(input, this.baseUrl, FIRST_GENERATED_ID + this.users.size);
    this.users.set(user.login, user);
    return user;
  }

  setCurrentUser(login: string): void {
    this.requireUser(login);
    this.currentLogin = login;
  }

  updateSettings(update: FakeGitHubSettingsUpdate): void {
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

  issueTokensDirectly({ clientId, login, scopes = [] }: DirectIssue): IssuedTokens {
    if (!this.applications.has(clientId)) throw new Error(`Unknown application ${clientId}`);
    this.requireUser(login);
    return this.issueTokens({ clientId, login, scopes: normalizeScopes(scopes), revoked: false }).tokens;
  }

  stats(): FakeGitHubStats {
    return structuredClone(this.counters);
  }

  resetStats(): void {
    this.counters = emptyStats();
  }

  getApplication(clientId: string): FakeApplication | undefined {
    return this.applications.get(clientId);
  }

  getUser(login: string): FakeUser | undefined {
    return this.users.get(login);
  }

  getUserById(id: number): FakeUser | undefined {
    return [...this.users.values()].find((user) => user.id === id);
  }

  listUsers(): FakeUser[] {
    return [...this.users.values()];
  }

  currentUser(): FakeUser {
    return this.requireUser(this.currentLogin);
  }

  countTokenRequest(grantType: "authorization_code" | "refresh_token" | null): void {
    this.counters.tokenRequests.total += 1;
    if (grantType !== null) this.counters.tokenRequests[grantType] += 1;
  }

  countApiRequest(request: RecordedApiRequest): void {
    this.counters.apiRequests += 1;
    this.recordRequest(request);
  }

  countRevocation(kind: "token" | "grant"): void {
    this.counters.revocations[kind] += 1;
  }

  recordRequest(request: RecordedApiRequest): void {
    this.lastApiRequestSeen = request;
  }

  lastApiRequest(): RecordedApiRequest | null {
    return structuredClone(this.lastApiRequestSeen);
  }

  /** The scopes this user last granted this app, reused when an authorize request has no `scope` [AOA]. */
  previouslyGrantedScopes(clientId: string, login: string): string[] {
    const grants = [...this.accessTokens.values()].map((token) => token.grant);
    const last = grants
      .filter((grant) => grant.clientId === clientId && grant.login === login && !grant.revoked)
      .at(-1);
    return last ? [...last.scopes] : [];
  }

  issueCode(grant: Omit<Grant, "revoked">, redirectUri: string | null, codeChallenge: string | null): string {
    const code = newCode();
    this.codes.set(code, {
      grant: { ...grant, scopes: normalizeScopes(grant.scopes), revoked: false },
      redirectUri,
      codeChallenge,
      expiresAt: Date.now() + this.settings.authorizationCodeLifetimeSeconds * 1000,
      used: false,
    });
    return code;
  }

  exchangeCode(
    application: FakeApplication,
    code: string | null,
    redirectUri: string | null,
    codeVerifier: string | null,
  ): TokenResult {
    const record = code === null ? undefined : this.codes.get(code);
    if (!record || record.grant.clientId !== application.clientId || record.used || Date.now() >= record.expiresAt) {
      return { ok: false, error: "bad_verification_code" };
    }
    if (
      redirectUri !== null &&
      (!redirectUriAllowed(redirectUri, application.callbackUrl) ||
        (record.redirectUri !== null && redirectUri !== record.redirectUri))
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
    if (
      !refreshToken ||
      !record ||
      record.grant.clientId !== application.clientId ||
      record.grant.revoked ||
      Date.now() >= record.expiresAt
    ) {
      return { ok: false, error: "bad_refresh_token" };
    }
    this.refreshTokens.delete(refreshToken);
    this.accessTokens.delete(record.accessToken);
    // The scope of an OAuth App token is fixed on refresh [AOA].
    return this.issueTokens(record.grant);
  }

  authenticate(accessToken: string | null): Authentication {
    const record = accessToken === null ? undefined : this.accessTokens.get(accessToken);
    const user = record && this.users.get(record.grant.login);
    if (!record || !user || record.grant.revoked) return { status: "invalid" };
    if (record.expiresAt !== null && Date.now() >= record.expiresAt) return { status: "invalid" };
    return { status: "valid", grant: record.grant, user };
  }

  /** Deletes one live token of this app (and the refresh token issued with it); false if it is not one. */
  deleteToken(clientId: string, accessToken: string): boolean {
    const auth = this.authenticate(accessToken);
    if (auth.status !== "valid" || auth.grant.clientId !== clientId) return false;
    this.removeToken(accessToken);
    return true;
  }

  /** Revokes the whole authorization behind a token: every token of that user for this app. */
  deleteGrant(clientId: string, accessToken: string): boolean {
    const auth = this.authenticate(accessToken);
    if (auth.status !== "valid" || auth.grant.clientId !== clientId) return false;
    this.revokeGrant(auth.grant.login, clientId);
    return true;
  }

  /** The user's fixed one-hour window, started by their first call in it [RL]. */
  rateWindow(login: string): RateWindow {
    const now = Date.now();
    const current = this.rateWindows.get(login);
    if (current && now < current.resetAt) return current;
    const fresh = { used: 0, resetAt: now + HOUR_MS };
    this.rateWindows.set(login, fresh);
    return fresh;
  }

  private issueTokens(grant: Grant): TokenResult & { ok: true } {
    const expiring = this.settings.expiringTokens;
    const accessToken = expiring ? newExpiringToken() : newClassicToken();
    const now = Date.now();
    const accessLifetime = this.settings.accessTokenLifetimeSeconds;
    const refreshLifetime = this.settings.refreshTokenLifetimeSeconds;
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

  private requireUser(login: string): FakeUser {
    const user = this.users.get(login);
    if (!user) throw new Error(`Unknown user ${login}`);
    return user;
  }
}

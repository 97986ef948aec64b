import { InjectionQueues } from "../shared/injection";
import { completeUser, DEFAULT_SETTINGS, DEFAULT_USERS } from "./defaults";
import { OidcSigner } from "./oidc";
import { RateLimiter } from "./rate-limit";
import { TokenStore, type TokenRow } from "./tokens";
import {
  settingsSchema,
  type FakeGitLabApplication,
  type FakeGitLabControls,
  type FakeGitLabOptions,
  type FakeGitLabSettings,
  type FakeGitLabSettingsUpdate,
  type FakeGitLabStats,
  type FakeGitLabUser,
  type FakeGitLabUserInput,
  type InjectedResponse,
  type InjectionTarget,
  type IssuedTokens,
  type IssueTokensInput,
  type RecordedApiRequest,
} from "./types";

function emptyStats(): FakeGitLabStats {
  return { tokenRequests: { authorization_code: 0, refresh_token: 0, total: 0 }, revokeRequests: 0, apiRequests: 0 };
}

/** Only the settings keys given a value, so absent options keep their current value. */
function definedSettings(source: Partial<FakeGitLabSettings>): Partial<FakeGitLabSettings> {
  const keys = Object.keys(DEFAULT_SETTINGS) as (keyof FakeGitLabSettings)[];
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

export function issuedTokens(row: TokenRow): IssuedTokens {
  return {
    accessToken: row.accessToken,
    refreshToken: row.refreshToken,
    expiresIn: row.expiresIn,
    scopes: [...row.scopes],
    createdAt: row.createdAt,
  };
}

/** Everything the fake remembers; the HTTP handlers and the test controls both work on it. */
export class FakeGitLabState implements FakeGitLabControls {
  settings: FakeGitLabSettings = DEFAULT_SETTINGS;
  readonly failures = new InjectionQueues<InjectionTarget, InjectedResponse>();
  readonly delays = new InjectionQueues<InjectionTarget, number>();
  readonly tokens = new TokenStore();
  readonly rateLimiter = new RateLimiter();
  /** Kept across reset(), so keys a client fetched stay valid. */
  readonly oidc: OidcSigner;
  private applications = new Map<string, FakeGitLabApplication>();
  /** Insertion-ordered: the first user is the one signed in by default. */
  private users = new Map<string, FakeGitLabUser>();
  private currentUsername = "";
  private counters = emptyStats();
  private lastApiRequestSeen: RecordedApiRequest | null = null;

  constructor(
    private readonly initial: FakeGitLabOptions,
    readonly baseUrl: string,
  ) {
    this.oidc = new OidcSigner(baseUrl);
    this.reset();
  }

  reset(): void {
    this.settings = settingsSchema.parse({ ...DEFAULT_SETTINGS, ...definedSettings(this.initial) });
    this.applications = new Map((this.initial.applications ?? []).map((app) => [app.applicationId, { ...app }]));
    this.users = new Map();
    for (const user of this.initial.users ?? DEFAULT_USERS) this.addUser(user);
    const firstUser = this.users.keys().next().value;
    if (firstUser === undefined) throw new Error("The fake GitLab needs at least one user");
    this.currentUsername = firstUser;
    if (this.initial.currentUser !== undefined) this.setCurrentUser(this.initial.currentUser);
    this.tokens.clear();
    this.rateLimiter.clear();
    this.clearFailures();
    this.resetStats();
    this.lastApiRequestSeen = null;
  }

  addApplication(application: FakeGitLabApplication): void {
    this.applications.set(application.applicationId, { ...application });
  }

  addUser(input: FakeGitLabUserInput): FakeGitLabUser {
    const user = completeUser(input, this.baseUrl, 2000 + this.users.size);
    this.users.set(user.username, user);
    return user;
  }

  setCurrentUser(username: string): void {
    this.requireUser(username);
    this.currentUsername = username;
  }

  updateSettings(update: FakeGitLabSettingsUpdate): void {
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

  revokeGrant(username: string, applicationId: string): void {
    for (const row of this.tokens.rows()) {
      if (row.username === username && row.applicationId === applicationId) row.revoked = true;
    }
    for (const grant of this.tokens.grantsOf(username, applicationId)) grant.revoked = true;
  }

  expireAccessTokens(): void {
    const now = Date.now();
    for (const row of this.tokens.rows()) row.expiresAt = Math.min(row.expiresAt ?? now, now);
  }

  issueTokensDirectly({ applicationId, username, scopes }: IssueTokensInput): IssuedTokens {
    const application = this.applications.get(applicationId);
    if (!application) throw new Error(`Unknown application ${applicationId}`);
    this.requireUser(username);
    return issuedTokens(this.createTokenRow(application, username, scopes ?? application.scopes, null));
  }

  stats(): FakeGitLabStats {
    return structuredClone(this.counters);
  }

  resetStats(): void {
    this.counters = emptyStats();
  }

  getApplication(applicationId: string): FakeGitLabApplication | undefined {
    return this.applications.get(applicationId);
  }

  getUser(username: string): FakeGitLabUser | undefined {
    return this.users.get(username);
  }

  listUsers(): FakeGitLabUser[] {
    return [...this.users.values()];
  }

  currentUser(): FakeGitLabUser {
    return this.requireUser(this.currentUsername);
  }

  countTokenRequest(grantType: string | null): void {
    this.counters.tokenRequests.total += 1;
    if (grantType === "authorization_code" || grantType === "refresh_token") {
      this.counters.tokenRequests[grantType] += 1;
    }
  }

  countRevokeRequest(): void {
    this.counters.revokeRequests += 1;
  }

  recordApiRequest(request: RecordedApiRequest): void {
    this.counters.apiRequests += 1;
    this.lastApiRequestSeen = request;
  }

  lastApiRequest(): RecordedApiRequest | null {
    return structuredClone(this.lastApiRequestSeen);
  }

  createTokenRow(
    application: FakeGitLabApplication,
    username: string,
    scopes: readonly string[],
    previousRefreshToken: string | null,
  ): TokenRow {
    const lifetime = this.settings.accessTokenLifetimeSeconds;
    return this.tokens.createRow({
      applicationId: application.applicationId,
      username,
      scopes: [...scopes],
      expiresIn: lifetime === null ? null : Math.ceil(lifetime),
      previousRefreshToken,
    });
  }

  private requireUser(username: string): FakeGitLabUser {
    const user = this.users.get(username);
    if (!user) throw new Error(`Unknown user ${username}`);
    return user;
  }
}

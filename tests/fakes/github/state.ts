import { InjectionQueues } from "../shared/injection";
import { completeUser, DEFAULT_SETTINGS, DEFAULT_USERS } from "./defaults";
import { GrantStore, type Grant } from "./grants";
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

export type Authentication = { status: "valid"; grant: Grant; user: FakeUser } | { status: "invalid" };

export interface RateWindow {
  used: number;
  resetAt: number;
}

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

/** Everything the fake remembers; the HTTP handlers and the test controls both work on it. */
export class FakeGitHubState implements FakeGitHubControls {
  settings: FakeGitHubSettings = DEFAULT_SETTINGS;
  readonly failures = new InjectionQueues<InjectionTarget, InjectedResponse>();
  readonly delays = new InjectionQueues<InjectionTarget, number>();
  private applications = new Map<string, FakeApplication>();
  /** Insertion-ordered: the first user is the one signed in by default. */
  private users = new Map<string, FakeUser>();
  private currentLogin = "";
  readonly grants = new GrantStore(() => this.settings);
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
    this.grants.clear();
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
    this.grants.revokeGrant(login, clientId);
  }

  expireAccessTokens(): void {
    this.grants.expireAccessTokens();
  }

  issueTokensDirectly({ clientId, login, scopes = [] }: DirectIssue): IssuedTokens {
    if (!this.applications.has(clientId)) throw new Error(`Unknown application ${clientId}`);
    this.requireUser(login);
    return this.grants.issue({ clientId, login }, scopes);
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

  authenticate(accessToken: string | null): Authentication {
    const grant = this.grants.live(accessToken);
    const user = grant && this.users.get(grant.login);
    return grant && user ? { status: "valid", grant, user } : { status: "invalid" };
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

  private requireUser(login: string): FakeUser {
    const user = this.users.get(login);
    if (!user) throw new Error(`Unknown user ${login}`);
    return user;
  }
}

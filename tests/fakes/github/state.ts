import { FakeProviderState, type ProviderProfile } from "../shared/state";
import { completeUser, DEFAULT_SETTINGS, DEFAULT_USERS } from "./defaults";
import { GrantStore, type Grant } from "./grants";
import {
  settingsSchema,
  type DirectIssue,
  type FakeApplication,
  type FakeGitHubControls,
  type FakeGitHubOptions,
  type FakeGitHubSettings,
  type FakeGitHubStats,
  type FakeUser,
  type FakeUserInput,
  type InjectionTarget,
  type IssuedTokens,
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

const PROFILE: ProviderProfile<FakeGitHubSettings, FakeUser, FakeUserInput, FakeGitHubStats> = {
  name: "GitHub",
  settingsSchema,
  defaultSettings: DEFAULT_SETTINGS,
  defaultUsers: DEFAULT_USERS,
  completeUser: (input, baseUrl, index) => completeUser(input, baseUrl, FIRST_GENERATED_ID + index),
  userKey: (user) => user.login,
  emptyStats,
};

/** Everything the fake remembers; the HTTP handlers and the test controls both work on it. */
export class FakeGitHubState
  extends FakeProviderState<FakeGitHubSettings, FakeUser, FakeUserInput, InjectionTarget, FakeGitHubStats>
  implements FakeGitHubControls
{
  private applications = new Map<string, FakeApplication>();
  readonly grants = new GrantStore(() => this.settings);
  private rateWindows = new Map<string, RateWindow>();

  constructor(
    private readonly options: FakeGitHubOptions,
    baseUrl: string,
  ) {
    super(PROFILE, options, baseUrl);
    this.reset();
  }

  reset(): void {
    this.resetCommon();
    this.applications = new Map((this.options.applications ?? []).map((app) => [app.clientId, { ...app }]));
    this.grants.clear();
    this.rateWindows.clear();
  }

  addApplication(application: FakeApplication): void {
    this.applications.set(application.clientId, { ...application });
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

  getApplication(clientId: string): FakeApplication | undefined {
    return this.applications.get(clientId);
  }

  getUserById(id: number): FakeUser | undefined {
    return this.listUsers().find((user) => user.id === id);
  }

  countRevocation(kind: "token" | "grant"): void {
    this.counters.revocations[kind] += 1;
  }

  authenticate(accessToken: string | null): Authentication {
    const grant = this.grants.live(accessToken);
    const user = grant && this.getUser(grant.login);
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
}

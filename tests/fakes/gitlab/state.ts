import { FakeProviderState, type ProviderProfile } from "../shared/state";
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
  type FakeGitLabStats,
  type FakeGitLabUser,
  type FakeGitLabUserInput,
  type InjectionTarget,
  type IssuedTokens,
  type IssueTokensInput,
} from "./types";

function emptyStats(): FakeGitLabStats {
  return { tokenRequests: { authorization_code: 0, refresh_token: 0, total: 0 }, revokeRequests: 0, apiRequests: 0 };
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

const PROFILE: ProviderProfile<FakeGitLabSettings, FakeGitLabUser, FakeGitLabUserInput, FakeGitLabStats> = {
  name: "GitLab",
  settingsSchema,
  defaultSettings: DEFAULT_SETTINGS,
  defaultUsers: DEFAULT_USERS,
  completeUser: (input, baseUrl, index) => completeUser(input, baseUrl, 2000 + index),
  userKey: (user) => user.username,
  emptyStats,
};

/** Everything the fake remembers; the HTTP handlers and the test controls both work on it. */
export class FakeGitLabState
  extends FakeProviderState<FakeGitLabSettings, FakeGitLabUser, FakeGitLabUserInput, InjectionTarget, FakeGitLabStats>
  implements FakeGitLabControls
{
  readonly tokens = new TokenStore();
  readonly rateLimiter = new RateLimiter();
  /** Kept across reset(), so keys a client fetched stay valid. */
  readonly oidc: OidcSigner;
  private applications = new Map<string, FakeGitLabApplication>();

  constructor(
    private readonly options: FakeGitLabOptions,
    baseUrl: string,
  ) {
    super(PROFILE, options, baseUrl);
    this.oidc = new OidcSigner(baseUrl);
    this.reset();
  }

  reset(): void {
    this.resetCommon();
    this.applications = new Map((this.options.applications ?? []).map((app) => [app.applicationId, { ...app }]));
    this.tokens.clear();
    this.rateLimiter.clear();
  }

  addApplication(application: FakeGitLabApplication): void {
    this.applications.set(application.applicationId, { ...application });
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

  getApplication(applicationId: string): FakeGitLabApplication | undefined {
    return this.applications.get(applicationId);
  }

  countRevokeRequest(): void {
    this.counters.revokeRequests += 1;
  }

  createTokenRow(application: FakeGitLabApplication, username: string, scopes: readonly string[], previousRefreshToken: string | null): TokenRow {
    const lifetime = this.settings.accessTokenLifetimeSeconds;
    return this.tokens.createRow({
      applicationId: application.applicationId,
      username,
      scopes: [...scopes],
      expiresIn: lifetime === null ? null : Math.ceil(lifetime),
      previousRefreshToken,
    });
  }
}

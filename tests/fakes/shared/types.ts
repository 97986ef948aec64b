import type { InjectedResponse } from "./injection";

/** Shapes every fake provider shares: what tests read back from `stats()` and `lastApiRequest()`. */

export interface TokenRequestCounts {
  authorization_code: number;
  refresh_token: number;
  total: number;
}

/** An API request as the fake received it: header names lower-cased, repeated headers joined as Node joins them. */
export interface RecordedApiRequest {
  method: string;
  /** Path and query string. */
  path: string;
  headers: Record<string, string>;
}

/** The counts every fake's `stats()` has; each provider adds its own (revocations, …). */
export interface BaseStats {
  tokenRequests: TokenRequestCounts;
  apiRequests: number;
}

/**
 * The test controls every fake has, in process or through the `/__control/` HTTP API. Each provider's
 * interface adds its client registration (`addConsumer`, `addApplication`), `revokeGrant` and
 * `issueTokensDirectly`, whose parties are named as that provider names them.
 */
export interface CommonControls<Target extends string, SettingsUpdate, UserInput, User, Stats extends BaseStats> {
  /** Adds a user, or replaces the one with the same nickname, username or login. */
  addUser(user: UserInput): User;
  /** Preselects this user (nickname, username or login) on the authorize page. */
  setCurrentUser(key: string): void;
  updateSettings(update: SettingsUpdate): void;
  failNext(target: Target, response: InjectedResponse): void;
  delayNext(target: Target, ms: number, times?: number): void;
  clearFailures(): void;
  expireAccessTokens(): void;
  stats(): Stats;
  resetStats(): void;
  /** The last API request received (null before the first): what a client really sent, e.g. which headers. */
  lastApiRequest(): RecordedApiRequest | null;
  /** Back to the options the fake started with: no tokens, codes, failures or counts. */
  reset(): void;
}

/** What one of a fake's API routes gets: the request as read, and the user its token belongs to. */
export interface ApiRequest<User> {
  url: URL;
  user: User;
  body: string;
  contentType: string | null;
  baseUrl: string;
}

/** What an API route answers; the fake sends it in its provider's way, with its own headers added. */
export interface ApiResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

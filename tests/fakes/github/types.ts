import { z } from "zod";
import { settingsUpdateSchemaFor } from "../shared/state";
import type { CommonControls, RecordedApiRequest, TokenRequestCounts } from "../shared/types";

export { injectedResponseSchema, type InjectedResponse } from "../shared/injection";
export type { RecordedApiRequest } from "../shared/types";

/** An OAuth App as registered under Settings > Developer settings: one Authorization callback URL [CR]. */
export const applicationSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** Shown on the authorize page; the client ID is shown when absent. */
  name: z.string().min(1).optional(),
  callbackUrl: z.url(),
  /** A suspended app's authorize requests redirect back with `error=application_suspended` [TA]. */
  suspended: z.boolean().optional(),
});
export type FakeApplication = z.infer<typeof applicationSchema>;

const emailSchema = z.object({
  email: z.string().min(1),
  primary: z.boolean(),
  verified: z.boolean(),
  visibility: z.enum(["public", "private"]).nullable(),
});
export type FakeEmail = z.infer<typeof emailSchema>;

/** A GitHub account. Only `login` is required; the rest gets plausible defaults. */
export const userInputSchema = z.object({
  login: z.string().regex(/^[A-Za-z0-9-]+$/),
  /** GitHub's stable numeric account id [US]. */
  id: z.number().int().positive().optional(),
  /** Profile name; GitHub users may leave it empty, so null is a real value. */
  name: z.string().min(1).nullable().optional(),
  /** The public profile email, null unless the user chose one [US]. */
  email: z.string().min(1).nullable().optional(),
  emails: z.array(emailSchema).optional(),
  avatarUrl: z.url().optional(),
  createdAt: z.string().min(1).optional(),
});
export type FakeUserInput = z.infer<typeof userInputSchema>;
export type FakeUser = Required<FakeUserInput>;

export const settingsSchema = z.object({
  /**
   * Off: classic OAuth App tokens (`gho_`, no expiry, no refresh token). On: user tokens that expire
   * (`ghu_` with `expires_in`, and a rotating `ghr_` refresh token) [RUT][AOA].
   */
  expiringTokens: z.boolean(),
  accessTokenLifetimeSeconds: z.number().nonnegative(),
  refreshTokenLifetimeSeconds: z.number().nonnegative(),
  authorizationCodeLifetimeSeconds: z.number().nonnegative(),
  /**
   * The docs only show client credentials as parameters [AOA]; Basic is unconfirmed, so it is
   * refused unless a test turns it on.
   */
  acceptBasicClientAuth: z.boolean(),
  /** Authenticated API requests per user per hour (GitHub: 5,000) [RL]. */
  rateLimitPerHour: z.number().int().positive(),
  /** GitHub answers an exhausted primary rate limit with 403 or 429 [RL]. */
  rateLimitStatus: z.union([z.literal(403), z.literal(429)]),
});
export type FakeGitHubSettings = z.infer<typeof settingsSchema>;

export const settingsUpdateSchema = settingsUpdateSchemaFor(settingsSchema);
export type FakeGitHubSettingsUpdate = z.infer<typeof settingsUpdateSchema>;

/**
 * `token`: the token endpoint; `user`: `/user` and `/user/emails`; `revoke`: `/applications/*`;
 * `api`: every API request except `/applications/*`.
 */
export const injectionTargetSchema = z.enum(["token", "api", "user", "revoke"]);
export type InjectionTarget = z.infer<typeof injectionTargetSchema>;

export const grantPartiesSchema = z.object({
  clientId: z.string().min(1),
  login: z.string().min(1),
});
export type GrantParties = z.infer<typeof grantPartiesSchema>;

export const directIssueSchema = grantPartiesSchema.extend({ scopes: z.array(z.string().min(1)).optional() });
export type DirectIssue = z.infer<typeof directIssueSchema>;

export interface IssuedTokens {
  accessToken: string;
  /** Null for classic tokens, which never expire. */
  expiresIn: number | null;
  refreshToken: string | null;
  refreshTokenExpiresIn: number | null;
  /** Normalised: implied scopes dropped. */
  scopes: string[];
}

export interface FakeGitHubStats {
  tokenRequests: TokenRequestCounts;
  /** Requests to the REST API, `/applications/*` excepted. */
  apiRequests: number;
  /** DELETE requests to `/applications/{client_id}/token` and `/grant`, rejected ones included. */
  revocations: { token: number; grant: number };
}

export interface FakeGitHubOptions extends Partial<FakeGitHubSettings> {
  host?: string;
  port?: number;
  applications?: FakeApplication[];
  /** Replaces the default users (Ada Lovelace `ada`, and `grace` who has no name or public email). */
  users?: FakeUserInput[];
  /** Login preselected on the authorize page; the first user by default. */
  currentUser?: string;
}

/** What tests can change at runtime, in process or through the `/__control/` HTTP API. */
export interface FakeGitHubControls extends CommonControls<InjectionTarget, FakeGitHubSettingsUpdate, FakeUserInput, FakeUser, FakeGitHubStats> {
  /** Adds an OAuth App, or replaces the one with the same client ID. */
  addApplication(application: FakeApplication): void;
  /** Kills every token of that user for that app, as when the user revokes it in their settings. */
  revokeGrant(login: string, clientId: string): void;
  /** Expiring tokens only: classic tokens have no expiry to reach. */
  expireAccessTokens(): void;
  /** Tokens as a completed sign-in would get; scopes default to none (public access). */
  issueTokensDirectly(issue: DirectIssue): IssuedTokens;
  /** The last REST request received, `/applications/*` included (null before the first). */
  lastApiRequest(): RecordedApiRequest | null;
}

export interface FakeGitHub extends FakeGitHubControls {
  /**
   * Base URL for both hosts: github.com (`${url}/login/oauth/...`) and api.github.com, whose REST
   * paths are served at the root (`${url}/user`), so it can be GITHUB_API_BASE_URL as it is.
   */
  readonly url: string;
  close(): Promise<void>;
}

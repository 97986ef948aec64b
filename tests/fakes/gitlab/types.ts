import { z } from "zod";
import { settingsUpdateSchemaFor } from "../shared/state";
import type { CommonControls, TokenRequestCounts } from "../shared/types";

export { injectedResponseSchema, type InjectedResponse } from "../shared/injection";
export type { RecordedApiRequest } from "../shared/types";

/**
 * An OAuth application as registered under Edit profile > Applications. A grant may ask for any
 * subset of its scopes (`enforce_configured_scopes`, GITLAB.md [DK]).
 */
export const applicationSchema = z.object({
  /** The "Application ID", the OAuth client_id (64 hex characters at GitLab, any text here). */
  applicationId: z.string().min(1),
  secret: z.string().min(1),
  /** Shown on the authorize page; the application ID is shown when absent. */
  name: z.string().min(1).optional(),
  /** GitLab takes one per line; a request's redirect_uri must equal one of them. */
  redirectUris: z.array(z.url()).min(1),
  scopes: z.array(z.string().min(1)).min(1),
  /** Non-confidential apps may leave the secret out at the token endpoint (default true, [AP]). */
  confidential: z.boolean().optional(),
  /** Admin-trusted apps skip the consent page ([OP]). */
  trusted: z.boolean().optional(),
});
export type FakeGitLabApplication = z.infer<typeof applicationSchema>;

/** A GitLab user. Only username and name are required; the rest gets plausible defaults. */
export const userInputSchema = z.object({
  username: z.string().regex(/^[A-Za-z0-9_.-]+$/),
  name: z.string().min(1),
  id: z.number().int().positive().optional(),
  email: z.string().min(1).optional(),
  /** Null when the user shows no public email. */
  publicEmail: z.string().min(1).nullable().optional(),
  avatarUrl: z.url().optional(),
  createdAt: z.string().min(1).optional(),
});
export type FakeGitLabUserInput = z.infer<typeof userInputSchema>;
export type FakeGitLabUser = Required<FakeGitLabUserInput>;

export const settingsSchema = z.object({
  /** 7200 at GitLab since 15.0; null models an older app with "Expire access tokens" off (no expires_in). */
  accessTokenLifetimeSeconds: z.number().nonnegative().nullable(),
  authorizationCodeLifetimeSeconds: z.number().nonnegative(),
  /**
   * Doorkeeper with a `previous_refresh_token` column (GitLab has one): a refresh does not revoke the
   * old pair; it dies when the new access token is first used. Off: the old pair dies at once.
   */
  keepPreviousRefreshToken: z.boolean(),
  /** Authenticated API requests per user per minute (gitlab.com: 2000); null for no limit and no headers. */
  rateLimitPerMinute: z.number().int().positive().nullable(),
});
export type FakeGitLabSettings = z.infer<typeof settingsSchema>;

export const settingsUpdateSchema = settingsUpdateSchemaFor(settingsSchema);
export type FakeGitLabSettingsUpdate = z.infer<typeof settingsUpdateSchema>;

/** `token` is `/oauth/token`, `revoke` is `/oauth/revoke`, `user` is `/api/v4/user`, `api` every `/api/v4` request. */
export const injectionTargetSchema = z.enum(["token", "revoke", "api", "user"]);
export type InjectionTarget = z.infer<typeof injectionTargetSchema>;

export const grantPartiesSchema = z.object({
  applicationId: z.string().min(1),
  username: z.string().min(1),
});
export type GrantParties = z.infer<typeof grantPartiesSchema>;

export const issueTokensSchema = grantPartiesSchema.extend({
  /** Defaults to all of the application's scopes. */
  scopes: z.array(z.string().min(1)).optional(),
});
export type IssueTokensInput = z.infer<typeof issueTokensSchema>;

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  /** Null when access tokens do not expire. */
  expiresIn: number | null;
  scopes: string[];
  createdAt: number;
}

export interface FakeGitLabStats {
  tokenRequests: TokenRequestCounts;
  revokeRequests: number;
  apiRequests: number;
}

export interface FakeGitLabOptions extends Partial<FakeGitLabSettings> {
  host?: string;
  port?: number;
  applications?: FakeGitLabApplication[];
  /** Replaces the default users (Ada Lovelace `ada`, Grace Hopper `grace`). */
  users?: FakeGitLabUserInput[];
  /** Username preselected on the authorize page; the first user by default. */
  currentUser?: string;
}

/** What tests can change at runtime, in process or through the `/__control/` HTTP API. */
export interface FakeGitLabControls extends CommonControls<InjectionTarget, FakeGitLabSettingsUpdate, FakeGitLabUserInput, FakeGitLabUser, FakeGitLabStats> {
  /** Adds an application, or replaces the one with the same application ID. */
  addApplication(application: FakeGitLabApplication): void;
  /** Revokes every token and pending code of that user for that application (Edit profile > Applications > Revoke). */
  revokeGrant(username: string, applicationId: string): void;
  issueTokensDirectly(input: IssueTokensInput): IssuedTokens;
}

export interface FakeGitLab extends FakeGitLabControls {
  /** The GitLab base URL (`GITLAB_BASE_URL`): `${url}/oauth/...` and `${url}/api/v4/...`. */
  readonly url: string;
  close(): Promise<void>;
}

import { z } from "zod";
import { settingsUpdateSchemaFor } from "../shared/state";
import type { CommonControls, TokenRequestCounts } from "../shared/types";

export { injectedResponseSchema, type InjectedResponse } from "../shared/injection";
export type { RecordedApiRequest } from "../shared/types";

/**
 * An OAuth consumer as configured in a Bitbucket workspace. Its permissions are
 * the scopes every grant receives: Bitbucket ignores `scope` on authorize.
 */
export const consumerSchema = z.object({
  key: z.string().min(1),
  secret: z.string().min(1),
  /** Shown on the authorize page; the key is shown when absent. */
  name: z.string().min(1).optional(),
  /** Absent models a consumer saved without a Callback URL. */
  callbackUrl: z.string().min(1).optional(),
  permissions: z.array(z.string().min(1)),
});
export type FakeConsumer = z.infer<typeof consumerSchema>;

const emailSchema = z.object({
  email: z.string().min(1),
  isPrimary: z.boolean(),
  isConfirmed: z.boolean(),
});

/** A Bitbucket account. Only nickname and display name are required; the rest gets plausible defaults. */
export const userInputSchema = z.object({
  nickname: z.string().regex(/^[A-Za-z0-9_-]+$/),
  displayName: z.string().min(1),
  uuid: z
    .string()
    .regex(/^\{[0-9a-f-]{36}\}$/)
    .optional(),
  accountId: z.string().min(1).optional(),
  avatarUrl: z.url().optional(),
  emails: z.array(emailSchema).optional(),
  createdOn: z.string().min(1).optional(),
});
export type FakeUserInput = z.infer<typeof userInputSchema>;
export type FakeUser = Required<FakeUserInput>;

export const settingsSchema = z.object({
  accessTokenLifetimeSeconds: z.number().nonnegative(),
  authorizationCodeLifetimeSeconds: z.number().nonnegative(),
  refreshMode: z.enum(["static", "rotating"]),
  /** How long a refresh token keeps working after rotation replaced it. */
  rotatedRefreshTokenGraceSeconds: z.number().nonnegative(),
  /** Name of the granted-scopes field in token responses (Atlassian announced `scopes` → `scope`). */
  scopeField: z.enum(["scopes", "scope"]),
  /** Access tokens over 2,500 characters, as Bitbucket sometimes issues. */
  longTokens: z.boolean(),
  /** Authenticated API requests per user per rolling hour; null for no limit. */
  rateLimitPerHour: z.number().int().positive().nullable(),
});
export type FakeBitbucketSettings = z.infer<typeof settingsSchema>;

export const settingsUpdateSchema = settingsUpdateSchemaFor(settingsSchema);
export type FakeBitbucketSettingsUpdate = z.infer<typeof settingsUpdateSchema>;

/** `user` is the identity lookup (`/2.0/user`, `/2.0/user/emails`); `api` is every `/2.0` request. */
export const injectionTargetSchema = z.enum(["token", "api", "user"]);
export type InjectionTarget = z.infer<typeof injectionTargetSchema>;

export const grantPartiesSchema = z.object({
  consumerKey: z.string().min(1),
  userNickname: z.string().min(1),
});
export type GrantParties = z.infer<typeof grantPartiesSchema>;

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  scopes: string[];
}

export interface FakeBitbucketStats {
  tokenRequests: TokenRequestCounts;
  apiRequests: number;
}

export interface FakeBitbucketOptions extends Partial<FakeBitbucketSettings> {
  host?: string;
  port?: number;
  consumers?: FakeConsumer[];
  /** Replaces the default users (Ada Lovelace `ada`, Grace Hopper `grace`). */
  users?: FakeUserInput[];
  /** Nickname preselected on the authorize page; the first user by default. */
  currentUser?: string;
}

/** What tests can change at runtime, in process or through the `/__control/` HTTP API. */
export interface FakeBitbucketControls extends CommonControls<InjectionTarget, FakeBitbucketSettingsUpdate, FakeUserInput, FakeUser, FakeBitbucketStats> {
  /** Adds a consumer, or replaces the one with the same key. */
  addConsumer(consumer: FakeConsumer): void;
  /** Kills every token of that user for that consumer, as when the user revokes the app. */
  revokeGrant(userNickname: string, consumerKey: string): void;
  issueTokensDirectly(parties: GrantParties): IssuedTokens;
}

export interface FakeBitbucket extends FakeBitbucketControls {
  /** Base URL for both hosts: `${url}/site/oauth2/...` and `${url}/2.0/...`. */
  readonly url: string;
  close(): Promise<void>;
}

import { randomUUID } from "node:crypto";
import type { FakeBitbucketSettings, FakeUser, FakeUserInput } from "./types";

export const DEFAULT_SETTINGS: FakeBitbucketSettings = {
  accessTokenLifetimeSeconds: 7200,
  authorizationCodeLifetimeSeconds: 600,
  refreshMode: "static",
  rotatedRefreshTokenGraceSeconds: 600,
  scopeField: "scopes",
  longTokens: false,
  rateLimitPerHour: null,
};

/** Fixed identifiers so tests can assert on them. */
export const DEFAULT_USERS: readonly FakeUserInput[] = [
  {
    nickname: "ada",
    displayName: "Ada Lovelace",
    uuid: "{a1b2c3d4-0001-4e8f-9a0b-1c2d3e4f5a6b}",
    accountId: "557058:0b7e5a1c-1815-4e1a-9c3b-ada000000001",
    emails: [
      { email: "ada@example.com", isPrimary: true, isConfirmed: true },
      { email: "ada.lovelace@example.org", isPrimary: false, isConfirmed: false },
    ],
  },
  {
    nickname: "grace",
    displayName: "Grace Hopper",
    uuid: "{a1b2c3d4-0002-4e8f-9a0b-1c2d3e4f5a6b}",
    accountId: "557058:0b7e5a1c-1906-4e1a-9c3b-grace0000002",
    emails: [{ email: "grace@example.com", isPrimary: true, isConfirmed: true }],
  },
];

/** Fills what a user input leaves out; the default avatar is served by the fake so the offline demo shows one. */
export function completeUser(input: FakeUserInput, baseUrl: string): FakeUser {
  return {
    nickname: input.nickname,
    displayName: input.displayName,
    uuid: input.uuid ?? `{${randomUUID()}}`,
    accountId: input.accountId ?? `557058:${randomUUID()}`,
    avatarUrl: input.avatarUrl ?? `${baseUrl}/avatars/${input.nickname}.svg`,
    emails: input.emails ?? [{ email: `${input.nickname}@example.com`, isPrimary: true, isConfirmed: true }],
    createdOn: input.createdOn ?? "2015-12-10T09:00:00.000000+00:00",
  };
}

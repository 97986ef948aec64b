import type { FakeGitHubSettings, FakeUser, FakeUserInput } from "./types";

export const DEFAULT_SETTINGS: FakeGitHubSettings = {
  expiringTokens: false,
  // 8 hours and six months, as GitHub issues expiring user tokens [RUT].
  accessTokenLifetimeSeconds: 28_800,
  refreshTokenLifetimeSeconds: 15_811_200,
  authorizationCodeLifetimeSeconds: 600,
  acceptBasicClientAuth: false,
  rateLimitPerHour: 5_000,
  rateLimitStatus: 403,
};

/**
 * Fixed ids so tests can assert on them. Grace exercises the nullable fields: no profile name and
 * no public email, so her address only comes from `/user/emails`.
 */
export const DEFAULT_USERS: readonly FakeUserInput[] = [
  {
    login: "ada",
    id: 18_151_210,
    name: "Ada Lovelace",
    email: "ada@example.com",
    emails: [
      { email: "ada@example.com", primary: true, verified: true, visibility: "public" },
      { email: "ada.lovelace@example.org", primary: false, verified: false, visibility: null },
    ],
  },
  {
    login: "grace",
    id: 19_061_209,
    name: null,
    email: null,
    emails: [{ email: "grace@example.com", primary: true, verified: true, visibility: "private" }],
  },
];

/** Fills what a user input leaves out; the default avatar is served by the fake so the offline demo shows one. */
export function completeUser(input: FakeUserInput, baseUrl: string, fallbackId: number): FakeUser {
  const id = input.id ?? fallbackId;
  return {
    login: input.login,
    id,
    name: input.name === undefined ? input.login : input.name,
    email: input.email ?? null,
    emails: input.emails ?? [{ email: `${input.login}@example.com`, primary: true, verified: true, visibility: "private" }],
    avatarUrl: input.avatarUrl ?? `${baseUrl}/avatars/u/${id}`,
    createdAt: input.createdAt ?? "2015-12-10T09:00:00Z",
  };
}

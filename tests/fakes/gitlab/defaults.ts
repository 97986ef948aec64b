import type { FakeGitLabSettings, FakeGitLabUser, FakeGitLabUserInput } from "./types";

export const DEFAULT_SETTINGS: FakeGitLabSettings = {
  accessTokenLifetimeSeconds: 7200,
  authorizationCodeLifetimeSeconds: 600,
  keepPreviousRefreshToken: true,
  rateLimitPerMinute: 2000,
};

/** Fixed identifiers so tests can assert on them; GitLab user ids are integers. */
export const DEFAULT_USERS: readonly FakeGitLabUserInput[] = [
  { username: "ada", name: "Ada Lovelace", id: 1815, email: "ada@example.com", publicEmail: "ada@example.com" },
  { username: "grace", name: "Grace Hopper", id: 1906, email: "grace@example.com", publicEmail: null },
];

/** Fills what a user input leaves out; the default avatar is served by the fake so the offline demo shows one. */
export function completeUser(input: FakeGitLabUserInput, baseUrl: string, fallbackId: number): FakeGitLabUser {
  return {
    username: input.username,
    name: input.name,
    id: input.id ?? fallbackId,
    email: input.email ?? `${input.username}@example.com`,
    publicEmail: input.publicEmail ?? null,
    avatarUrl: input.avatarUrl ?? `${baseUrl}/avatars/${input.username}.svg`,
    createdAt: input.createdAt ?? "2015-12-10T09:00:00.000Z",
  };
}

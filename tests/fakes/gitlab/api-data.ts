import type { FakeGitLabUser } from "./types";

/** `GET /api/v4/user` for the token's own user ([US]). */
export function userJson(user: FakeGitLabUser, baseUrl: string): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: "active",
    locked: false,
    avatar_url: user.avatarUrl,
    web_url: `${baseUrl}/${user.username}`,
    created_at: user.createdAt,
    bio: "",
    location: "",
    public_email: user.publicEmail,
    email: user.email,
    commit_email: user.email,
    is_admin: false,
    bot: false,
    two_factor_enabled: false,
  };
}

const PROJECT_PATHS = ["analytical-engine", "bernoulli", "letters", "notes", "website"];

/** Five projects per user, so a small `per_page` shows several pages. */
export function projectsOf(user: FakeGitLabUser, baseUrl: string): Record<string, unknown>[] {
  return PROJECT_PATHS.map((path, index) => ({
    id: user.id * 100 + index + 1,
    name: path,
    path,
    path_with_namespace: `${user.username}/${path}`,
    description: null,
    visibility: path === "website" ? "public" : "private",
    default_branch: "main",
    web_url: `${baseUrl}/${user.username}/${path}`,
    namespace: { id: user.id, path: user.username, kind: "user" },
    created_at: user.createdAt,
  }));
}

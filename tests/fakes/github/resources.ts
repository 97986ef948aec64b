import type { FakeEmail, FakeUser } from "./types";

/** GitHub's legacy global node id: base64 of `04:User<id>`, `010:Repository<id>`. */
function nodeId(kind: string, id: number): string {
  return Buffer.from(`0${kind.length}:${kind}${id}`).toString("base64");
}

/** The authenticated user [US]: `id` is the stable key, `login` can change, `name` and `email` may be null. */
export function userJson(user: FakeUser, baseUrl: string, publicRepos: number): Record<string, unknown> {
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId("User", user.id),
    avatar_url: user.avatarUrl,
    gravatar_id: "",
    url: `${baseUrl}/users/${user.login}`,
    html_url: `${baseUrl}/${user.login}`,
    type: "User",
    site_admin: false,
    name: user.name,
    company: null,
    blog: "",
    location: null,
    email: user.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: publicRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: user.createdAt,
    updated_at: user.createdAt,
  };
}

export function emailJson({ email, primary, verified, visibility }: FakeEmail): Record<string, unknown> {
  return { email, primary, verified, visibility };
}

const REPOSITORIES = [
  { name: "analytical-engine", private: true },
  { name: "notes", private: true },
  { name: "website", private: false },
] as const;

/** Every user owns the same three repositories; private ones are listed only with the `repo` scope. */
export function repositoriesOf(user: FakeUser, baseUrl: string, includePrivate: boolean): Record<string, unknown>[] {
  return REPOSITORIES.filter((repo) => includePrivate || !repo.private).map((repo, index) => {
    const id = user.id * 10 + index;
    return {
      id,
      node_id: nodeId("Repository", id),
      name: repo.name,
      full_name: `${user.login}/${repo.name}`,
      private: repo.private,
      visibility: repo.private ? "private" : "public",
      owner: { login: user.login, id: user.id, type: "User" },
      html_url: `${baseUrl}/${user.login}/${repo.name}`,
      url: `${baseUrl}/repos/${user.login}/${repo.name}`,
      description: null,
      fork: false,
      default_branch: "main",
    };
  });
}

export const publicRepositoryCount = REPOSITORIES.filter((repo) => !repo.private).length;

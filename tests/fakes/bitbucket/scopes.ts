import { withImplied } from "../shared/scopes";

/** Descriptions shown on the authorize page (the documented table, then Bitbucket's other scopes). */
export const SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  account: "Read your account information",
  repository: "Read access to your repositories",
  "repository:write": "Write access to your repositories",
  pullrequest: "Read and write access to pull requests",
  issue: "Read and write access to issues",
  webhook: "Read and write access to webhooks",
  pipeline: "Read access to Bitbucket Pipelines CI/CD",
  "pipeline:write": "Read and write access to Bitbucket Pipelines",
  snippet: "Read and write access to snippets",
  "account:write": "Write your account information",
  email: "Read your email addresses",
  "repository:admin": "Administer your repositories",
  "repository:delete": "Delete your repositories",
  "pullrequest:write": "Write access to pull requests",
  "issue:write": "Write access to issues",
  "snippet:write": "Write access to snippets",
  wiki: "Read and write access to wikis",
  project: "Read your workspace's projects",
  "project:admin": "Administer your workspace's projects",
  "pipeline:variable": "Manage Pipelines variables",
  runner: "Read your runners",
  "runner:write": "Manage your runners",
};

/** Scopes a granted scope implies, per BITBUCKET.md. Admin and delete scopes imply nothing. */
const IMPLIES: Readonly<Record<string, readonly string[]>> = {
  "repository:write": ["repository"],
  pullrequest: ["repository"],
  "pullrequest:write": ["pullrequest", "repository:write"],
  project: ["repository"],
  "issue:write": ["issue"],
  "snippet:write": ["snippet"],
};

/** The granted scopes plus everything they imply, transitively. */
export function expandScopes(granted: readonly string[]): Set<string> {
  return withImplied(granted, IMPLIES);
}

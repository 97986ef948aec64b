import { withImplied } from "../shared/scopes";

/** OAuth App scopes and what the authorize page says about them [SC]. */
export const SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  repo: "Full control of private repositories",
  "repo:status": "Access commit status",
  repo_deployment: "Access deployment status",
  public_repo: "Access public repositories",
  "repo:invite": "Access repository invitations",
  security_events: "Read and write security events",
  "admin:repo_hook": "Full control of repository hooks",
  "write:repo_hook": "Write repository hooks",
  "read:repo_hook": "Read repository hooks",
  "admin:org": "Full control of orgs and teams, read and write org projects",
  "write:org": "Read and write org and team membership, read and write org projects",
  "read:org": "Read org and team membership, read org projects",
  "admin:public_key": "Full control of user public keys",
  "write:public_key": "Write user public keys",
  "read:public_key": "Read user public keys",
  "admin:org_hook": "Full control of organization hooks",
  gist: "Create gists",
  notifications: "Access notifications",
  user: "Update all user data",
  "read:user": "Read all user profile data",
  "user:email": "Access user email addresses (read-only)",
  "user:follow": "Follow and unfollow users",
  project: "Full control of projects",
  "read:project": "Read access of projects",
  delete_repo: "Delete repositories",
  "write:packages": "Upload packages to GitHub Package Registry",
  "read:packages": "Download packages from GitHub Package Registry",
  "delete:packages": "Delete packages from GitHub Package Registry",
  "admin:gpg_key": "Full control of public user GPG keys",
  "write:gpg_key": "Write public user GPG keys",
  "read:gpg_key": "Read public user GPG keys",
  codespace: "Full control of codespaces",
  workflow: "Update GitHub Action workflows",
  "read:audit_log": "Read audit log",
};

/** Scopes each scope directly includes [SC]. */
const IMPLIES: Readonly<Record<string, readonly string[]>> = {
  repo: ["repo:status", "repo_deployment", "public_repo", "repo:invite", "security_events"],
  "admin:repo_hook": ["write:repo_hook"],
  "write:repo_hook": ["read:repo_hook"],
  "admin:org": ["write:org"],
  "write:org": ["read:org"],
  "admin:public_key": ["write:public_key"],
  "write:public_key": ["read:public_key"],
  user: ["read:user", "user:email", "user:follow"],
  project: ["read:project"],
  "admin:gpg_key": ["write:gpg_key"],
  "write:gpg_key": ["read:gpg_key"],
};

/** The scopes plus everything they imply, transitively. */
export function expandScopes(scopes: readonly string[]): Set<string> {
  return withImplied(scopes, IMPLIES);
}

/**
 * What GitHub reports as granted: known scopes only, once each, in request order, without those
 * another granted scope implies (`user gist user:email` → `user,gist`) [SC].
 */
export function normalizeScopes(scopes: readonly string[]): string[] {
  const known = [...new Set(scopes)].filter((scope) => scope in SCOPE_DESCRIPTIONS);
  return known.filter((scope) => !known.some((other) => other !== scope && expandScopes([other]).has(scope)));
}

/** Whether the granted scopes cover any of the accepted ones; an empty list accepts every token. */
export function coversAny(granted: readonly string[], accepted: readonly string[]): boolean {
  if (accepted.length === 0) return true;
  const expanded = expandScopes(granted);
  return accepted.some((scope) => expanded.has(scope));
}

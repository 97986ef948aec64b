/** GitLab's OAuth scopes and what the authorize page says about them (GITLAB.md "Scopes", [OP]). */
export const SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  api: "Grants complete read/write access to the API, including all groups and projects",
  read_api: "Grants read access to the API, including all groups and projects",
  read_user: "Grants read-only access to your profile through the /user API endpoint",
  create_runner: "Grants create access to the runners",
  manage_runner: "Grants access to manage the runners",
  k8s_proxy: "Grants permission to perform Kubernetes API calls using the agent for Kubernetes",
  read_repository: "Grants read-only access to repositories on private projects",
  write_repository: "Grants read-write access to repositories on private projects",
  read_registry: "Grants read-only access to container registry images on private projects",
  write_registry: "Grants write access to container registry images on private projects",
  read_virtual_registry: "Grants read-only access to container images through the dependency proxy",
  write_virtual_registry: "Grants read, write and delete access to container images through the dependency proxy",
  read_observability: "Grants read-only access to GitLab Observability",
  write_observability: "Grants write access to GitLab Observability",
  ai_features: "Grants access to GitLab Duo related API endpoints",
  sudo: "Grants permission to perform API actions as any user in the system",
  admin_mode: "Grants permission to perform API actions as an administrator",
  read_service_ping: "Grants access to download Service Ping payload",
  openid: "Grants permission to authenticate with GitLab using OpenID Connect",
  profile: "Grants read-only access to the user's profile data using OpenID Connect",
  email: "Grants read-only access to the user's primary email address using OpenID Connect",
};

/** Doorkeeper's default scope, used when an authorize request sends none ([AU]; effect unconfirmed). */
export const DEFAULT_SCOPE = "api";

/** Doorkeeper's ScopeChecker: known scopes, no control characters, and all configured on the application. */
export function scopesAllowed(requested: readonly string[], applicationScopes: readonly string[]): boolean {
  return requested.length > 0 && requested.every((scope) => Object.hasOwn(SCOPE_DESCRIPTIONS, scope) && applicationScopes.includes(scope));
}

/** Space-separated scope text to a list; `+` was already decoded to a space by the form parser. */
export function parseScopes(text: string | null): string[] {
  return (text ?? "").split(" ").filter(Boolean);
}

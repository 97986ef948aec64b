// GitLab (gitlab.com, or a self-managed GitLab through GITLAB_BASE_URL), as ../shared/GITLAB.md describes it.
import { defineProvider } from "./define";

const host = { default: "https://gitlab.com", env: "GITLAB_BASE_URL" };

export const gitlab = defineProvider({
  id: "gitlab",
  name: "GitLab",
  description: "Connect your users to GitLab for projects, merge requests, issues, and CI/CD on gitlab.com or a self-managed GitLab.",
  category: "Developer Tools",
  pkce: true,
  // Doorkeeper reads either; Basic is RFC 6749's default.
  clientAuth: "client_secret_basic",
  scopesRequestable: true,
  scopeSeparator: " ",
  // The code exchange must repeat the authorize request's redirect_uri.
  redirectUriSent: { authorize: true, exchange: true },
  tokenRefresh: "automatic",
  endpoints: { authorize: "/oauth/authorize", token: "/oauth/token" },
  revocation: { kind: "rfc7009", path: "/oauth/revoke" },
  // One host serves OAuth and the API (/api/v4).
  hosts: { auth: host, api: host },
  headers: { token: {}, api: {} },
  tokenErrorsAsHttp200: false,
  tokenErrorAliases: {},
  scopes: [
    { id: "api", description: "Complete read and write access to the API, including all groups and projects", documented: true },
    { id: "read_api", description: "Read access to the API, including all groups and projects", documented: true },
    { id: "read_user", description: "Read-only access to your profile through the /user API endpoint", documented: true },
    { id: "read_repository", description: "Read-only access to repositories on private projects (Git over HTTP, Files API)", documented: true },
    { id: "write_repository", description: "Read and write access to repositories on private projects (Git over HTTP)", documented: true },
    { id: "read_registry", description: "Read-only access to container registry images on private projects", documented: true },
    { id: "write_registry", description: "Write access to container registry images on private projects", documented: true },
    { id: "create_runner", description: "Create runners", documented: true },
    { id: "manage_runner", description: "Manage runners", documented: true },
    { id: "k8s_proxy", description: "Kubernetes API calls through the agent for Kubernetes", documented: true },
    { id: "read_virtual_registry", description: "Read-only access to container images through the dependency proxy", documented: true },
    { id: "write_virtual_registry", description: "Read, write and delete container images through the dependency proxy", documented: true },
    { id: "read_observability", description: "Read-only access to GitLab Observability", documented: true },
    { id: "write_observability", description: "Write access to GitLab Observability", documented: true },
    { id: "ai_features", description: "Access to GitLab Duo API endpoints", documented: true },
    { id: "openid", description: "Sign in with GitLab through OpenID Connect", documented: true },
    { id: "profile", description: "Read-only access to your profile through OpenID Connect", documented: true },
    { id: "email", description: "Read-only access to your primary email address through OpenID Connect", documented: true },
    { id: "sudo", description: "Perform API actions as any user (administrators only)", documented: true },
    { id: "admin_mode", description: "Perform API actions as an administrator (administrators only)", documented: true },
    { id: "read_service_ping", description: "Download the Service Ping payload (administrators only)", documented: true },
  ],
  requiredScopes: [{ id: "read_user", reason: "The vault reads /api/v4/user to know which GitLab account connected." }],
  // GitLab documents no implications; these follow the scope descriptions (api and read_api can read
  // /user, write_repository reads too). Registry push needs read_registry and write_registry both.
  implies: {
    api: ["read_api", "read_user"],
    read_api: ["read_user"],
    write_repository: ["read_repository"],
  },
  profile: { path: "/api/v4/user", id: "id", login: "username", name: "name", avatar: "avatar_url", email: "email" },
  proxyPathPrefixes: ["api/v4/"],
  // Offset pagination headers (GitLab REST API docs, "Pagination").
  proxyResponseHeaders: ["x-total", "x-total-pages", "x-page", "x-per-page", "x-next-page", "x-prev-page", "x-request-id"],
  exampleRequest: { path: "api/v4/user", description: "The connected GitLab account" },
  grantedScopeFields: ["scope"],
  grantedScopeSeparator: " ",
  grantMayNarrow: false,
  // Access tokens live 2 hours; an app from before GitLab 15.0 may have turned expiry off, and then
  // the answer has no expires_in and the token never expires.
  defaultAccessTokenLifetimeSeconds: null,
  credentialNames: { clientId: "Application ID", clientSecret: "Secret" },
  setupSteps: [
    "In GitLab, open your avatar menu, then Edit profile, then Applications, and click Add new application. Give it your application's name. (Group applications live under the group's Settings > Applications.)",
    "Paste the Redirect URI shown here into the application's Redirect URI field, and keep Confidential ticked.",
    "Tick the scopes your application needs, including read_user. GitLab grants only scopes ticked on the application.",
    "Save the application, then copy its Application ID (the Client ID) and its Secret (the Client Secret) at once: GitLab shows the secret only now.",
    "Paste both below, choose the scopes your application needs, and click Save. The provider is then active.",
  ],
  docsUrl: "https://docs.gitlab.com/integration/oauth_provider/",
});

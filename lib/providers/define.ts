// The shape of a provider declaration. Everything the vault does with a
// provider (catalog card, setup page, OAuth dance, profile, refresh, proxy)
// is read from one of these; no other code names a provider.

export type ProviderScope = {
  id: string;
  description: string;
  /** Part of the provider's documented table, shown first; the rest go under "More scopes". */
  documented: boolean;
};

/**
 * How the vault revokes a token when a connection is disconnected (the token it holds, never
 * the end user's whole grant). `rfc7009`: a form POST of `token` with client authentication to
 * `path` on the auth host. `client-token-delete`: GitHub's OAuth Apps API, `DELETE path` on the API
 * host (`{client_id}` filled in) with Basic client credentials and a JSON body `{access_token}`.
 */
export type ProviderRevocation = { kind: "none" } | { kind: "rfc7009"; path: string } | { kind: "client-token-delete"; path: string };

export type ProviderDefinition = {
  id: string;
  name: string;
  /** One line for the catalog card and the provider's page. */
  description: string;
  category: string;
  /** Whether the vault sends a PKCE challenge (S256) on authorize and the verifier on exchange. */
  pkce: boolean;
  /** How the client authenticates at the token endpoint (RFC 6749 §2.3.1: Basic, or the id and secret in the form body). */
  clientAuth: "client_secret_basic" | "client_secret_post";
  /** Whether the provider lets the authorize request choose scopes (Bitbucket fixes them on the consumer). */
  scopesRequestable: boolean;
  /** How requested scopes are joined in the authorize request's `scope` (when they are sent). */
  scopeSeparator: " " | ",";
  /** Whether `redirect_uri` is sent on authorize and on the code exchange (where the provider wants it). */
  redirectUriSent: { authorize: boolean; exchange: boolean };
  /** `automatic`: every token can be refreshed; `when-issued`: only tokens answered with a refresh token (and an expiry). */
  tokenRefresh: "automatic" | "when-issued";
  endpoints: { authorize: string; token: string };
  revocation: ProviderRevocation;
  /** Extra request headers: on token endpoint calls, and on API calls (profile, proxy, revocation). */
  headers: { token: Record<string, string>; api: Record<string, string> };
  /** The token endpoint reports errors as HTTP 200 with an `error` field (GitHub). */
  tokenErrorsAsHttp200: boolean;
  /** The provider's own token-endpoint error names mapped to the OAuth 2.0 codes the vault reasons with. */
  tokenErrorAliases: Record<string, string>;
  /** Default hosts, each overridable by the named environment variable (tests, the offline demo). */
  hosts: {
    auth: { default: string; env: string };
    api: { default: string; env: string };
  };
  scopes: ProviderScope[];
  /** Scopes that must be required for the vault to work (e.g. to read the profile), with why. */
  requiredScopes: { id: string; reason: string }[];
  /** A granted scope implies these (transitively). */
  implies: Record<string, string[]>;
  profile: {
    path: string;
    /** A string or a number (GitLab, GitHub); the vault stores it as a string. */
    id: string;
    login: string;
    name: string;
    avatar: string;
    /** The address in the profile answer itself, used when no list of addresses is read. */
    email?: string;
    /** Read only when this scope was granted. `list` is where the array is; empty when the answer is the array itself. */
    emails?: { path: string; scope: string; list: string; address: string; primary: string };
  };
  /** Only API paths under these prefixes may be proxied. */
  proxyPathPrefixes: string[];
  /** Response headers, lower-case, passed back to proxy callers besides the common ones (content, caching, rate limits). */
  proxyResponseHeaders: string[];
  /** A harmless GET the portal's "Try a request" sends through the proxy (a path under a proxy prefix, no leading slash). */
  exampleRequest: { path: string; description: string };
  /** Where the granted scopes are in the token response, in order of preference. */
  grantedScopeFields: string[];
  /** How the granted scopes are joined in that field. */
  grantedScopeSeparator: " " | ",";
  /** Whether the end user (or the provider) may grant fewer scopes than requested; if not, an answer without scopes granted all. */
  grantMayNarrow: boolean;
  /**
   * The lifetime to assume when a token response omits expires_in. null: such a token never
   * expires and is never refreshed (GitHub's classic OAuth App tokens).
   */
  defaultAccessTokenLifetimeSeconds: number | null;
  /** What the provider's own settings call the client id and secret, for hints on the setup page. */
  credentialNames: { clientId: string; clientSecret: string };
  setupSteps: string[];
  docsUrl: string;
};

export function defineProvider(definition: ProviderDefinition): ProviderDefinition {
  return definition;
}

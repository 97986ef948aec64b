// The shape of a provider declaration. Everything the vault does with a
// provider (catalog card, setup page, OAuth dance, profile, refresh, proxy)
// is read from one of these; no other code names a provider.

export type ProviderScope = {
  id: string;
  description: string;
  /** Part of the provider's documented table, shown first; the rest go under "More scopes". */
  documented: boolean;
};

export type ProviderDefinition = {
  id: string;
  name: string;
  category: string;
  /** Whether the provider supports PKCE on the authorization-code grant. */
  pkce: boolean;
  /** How the client authenticates at the token endpoint. */
  clientAuth: "basic" | "body";
  /** Whether the provider lets the authorize request choose scopes (Bitbucket fixes them on the consumer). */
  scopesRequestable: boolean;
  tokenRefresh: "automatic";
  endpoints: { authorize: string; token: string };
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
    id: string;
    login: string;
    name: string;
    avatar: string;
    /** Read only when this scope was granted. */
    emails?: { path: string; scope: string; list: string; address: string; primary: string };
  };
  /** Only API paths under these prefixes may be proxied. */
  proxyPathPrefixes: string[];
  /** Where the granted scopes are in the token response, in order of preference. */
  grantedScopeFields: string[];
  /** The lifetime to assume when a token response omits expires_in. */
  defaultAccessTokenLifetimeSeconds: number;
  /** What the provider's own settings call the client id and secret, for hints on the setup page. */
  credentialNames: { clientId: string; clientSecret: string };
  setupSteps: string[];
  docsUrl: string;
};

export function defineProvider(definition: ProviderDefinition): ProviderDefinition {
  return definition;
}

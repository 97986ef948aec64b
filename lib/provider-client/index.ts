// The provider client's public entry (floor 2: imports only ground folders and lib/providers).
// One OAuth 2.0 client for every provider, built on oauth4webapi; everything provider-specific
// is read from the declaration.
export { authorizationUrl, codeChallengeOf, newCodeVerifier, type AuthorizationRequest } from "./authorize";
export { checkClientCredentials, type CredentialCheck } from "./credentials";
export { CLIENT_REJECTIONS, ProfileUnreadable, ProviderUnreachable, refusesClient, RevocationRefused, TokenEndpointRefused } from "./errors";
export { providerRequest, type StreamedAnswer } from "./stream";
export { readProfile, type ProviderAccount } from "./profile";
export { revoke } from "./revoke";
export type { ClientCredentials } from "./server";
export { exchangeCode, refresh, type CodeExchange, type TokenSet } from "./tokens";

// The OAuth protocol client's public entry (floor 2: imports only ground and
// providers): the token endpoint, the profile read and provider HTTP. The
// connect dance that uses it lives above, in lib/connect.
export { ProfileUnreadable, readProviderAccount, type ProviderAccount } from "./profile";
export { ProviderUnreachable, providerFetch } from "./provider-http";
export {
  checkClientCredentials,
  CLIENT_REJECTIONS,
  refusesClient,
  requestToken,
  TokenEndpointRefused,
  type ClientCredentials,
  type CredentialCheck,
  type TokenSet,
} from "./token-endpoint";

// An application's settings for an OAuth provider (client id, sealed client
// secret, required scopes, enabled): one row per application and provider.
// The portal reads and changes them through an actor; the OAuth flow loads
// them with the secret opened through loadProviderCredentials.
export { getProviderConfig, listProviderConfigs, countDependentConnections, loadProviderCredentials, type StoredProviderCredentials } from "./read";
export { saveProviderConfig, type SavedProviderConfig } from "./save";
export { verifyProviderCredentials } from "./verify";
export { markCredentialsRejected, clearCredentialsRejected } from "./credentials-rejection";
export { setProviderEnabled, deleteProviderConfig } from "./lifecycle";
export { findConfig as findProviderConfig, splitScopes } from "./store";
export type { ProviderConfigSummary } from "./store";
export type { CredentialCheck } from "../provider-client";

// Why a token refresh failed, in words: the stored `lastError` is an OAuth 2.0 error code
// (invalid_grant, …) or the vault's own reason for an unreachable provider (timeout, …).

const reasons: Record<string, (provider: string) => string> = {
  invalid_grant: () => "the end user revoked access, or the grant expired",
  invalid_request: (provider) => `${provider} no longer accepts this refresh token`,
  invalid_client: (provider) => `${provider} refused the application's Client ID or Secret`,
  unauthorized_client: (provider) => `${provider} no longer lets this OAuth consumer refresh tokens`,
  timeout: (provider) => `${provider} did not answer in time`,
  network: (provider) => `${provider} could not be reached`,
  server_error: (provider) => `${provider} answered with a server error`,
  rate_limited: (provider) => `${provider} asked Latchkey to slow down`,
};

export function refreshErrorWords(code: string, providerName: string): string {
  return reasons[code]?.(providerName) ?? `${providerName} answered “${code}”`;
}

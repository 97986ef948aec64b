// How a provider can fail the vault, in the words the flows above reason with.

/** Network failure, timeout, 5xx, 429 or an answer that is not OAuth: transient, back off, never mark a connection broken. */
export class ProviderUnreachable extends Error {
  override name = "ProviderUnreachable";
  constructor(
    readonly reason: "timeout" | "network" | "server_error" | "rate_limited",
    readonly status?: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(`provider unreachable: ${reason}${status ? ` (HTTP ${status})` : ""}`);
  }
}

/** The token endpoint refused: `error` is the OAuth 2.0 code (invalid_grant, invalid_client, ...), provider names mapped. */
export class TokenEndpointRefused extends Error {
  override name = "TokenEndpointRefused";
  constructor(
    readonly error: string,
    readonly description: string | undefined,
    readonly status: number,
  ) {
    super(`token endpoint refused: ${error}`);
  }
}

/** The revocation endpoint answered something other than success. */
export class RevocationRefused extends Error {
  override name = "RevocationRefused";
  constructor(readonly status: number) {
    super(`revocation refused (HTTP ${status})`);
  }
}

export class ProfileUnreadable extends Error {
  override name = "ProfileUnreadable";
}

/** The OAuth errors by which a token endpoint refuses the vault's own Client ID or Secret (app deleted, secret rotated). */
export const CLIENT_REJECTIONS = ["invalid_client", "unauthorized_client"];

export function refusesClient(oauthError: string): boolean {
  return CLIENT_REJECTIONS.includes(oauthError);
}

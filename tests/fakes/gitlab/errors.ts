/**
 * Doorkeeper's OAuth errors with the English descriptions from its `config/locales/en.yml` ([DL]).
 * `invalid_client` and `unauthorized_client` are 401, the rest 400 ([DE]).
 */
export type OAuthErrorName =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "invalid_scope"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "invalid_code_challenge_method"
  | "access_denied";

const DESCRIPTIONS: Readonly<Record<OAuthErrorName, string>> = {
  invalid_request: "The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.",
  invalid_client: "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
  invalid_grant:
    "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
  invalid_scope: "The requested scope is invalid, unknown, or malformed.",
  unauthorized_client: "The client is not authorized to perform this request using this method.",
  unsupported_grant_type: "The authorization grant type is not supported by the authorization server.",
  unsupported_response_type: "The authorization server does not support this response type.",
  invalid_code_challenge_method: "The code challenge method must be plain or S256.",
  access_denied: "The resource owner or authorization server denied the request.",
};

export interface OAuthError {
  error: OAuthErrorName;
  error_description: string;
}

export function oauthError(error: OAuthErrorName, description = DESCRIPTIONS[error]): OAuthError {
  return { error, error_description: description };
}

/** Doorkeeper's `invalid_request` for an absent parameter. */
export function missingParam(name: string): OAuthError {
  return oauthError("invalid_request", `Missing required parameter: ${name}.`);
}

export function errorStatus({ error }: OAuthError): number {
  return error === "invalid_client" || error === "unauthorized_client" ? 401 : 400;
}

/** The text GitLab shows for a redirect_uri that is absent or not registered (error page, no redirect). */
export const INVALID_REDIRECT_URI = "The redirect URI included is not valid.";

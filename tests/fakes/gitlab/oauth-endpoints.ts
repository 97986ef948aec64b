import type { IncomingMessage, ServerResponse } from "node:http";
import { mediaType, readBody, sendJson } from "../shared/http";
import { basicCredentials } from "../shared/client-auth";
import { errorStatus, missingParam, oauthError, type OAuthError } from "./errors";
import { exchangeCode, refreshTokens, revokePreviousRefreshToken, type GrantResult } from "./grants";
import { answerInjected } from "./injected";
import type { FakeGitLabState } from "./state";
import { isAccessible, secondsLeft, type TokenRow } from "./tokens";
import type { FakeGitLabApplication } from "./types";

/** Doorkeeper's token response headers ([DT]). */
const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

/** Rails reads form and JSON bodies alike; both become the request's parameters. */
async function readParams(req: IncomingMessage): Promise<URLSearchParams> {
  const body = await readBody(req);
  if (mediaType(req) !== "application/json") return new URLSearchParams(body);
  const params = new URLSearchParams();
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null) {
      for (const [key, value] of Object.entries(parsed)) {
        if (typeof value === "string") params.set(key, value);
      }
    }
  } catch {
    // A body that is not JSON carries no parameters, as in Rails.
  }
  return params;
}

interface ClientAuthentication {
  client: FakeGitLabApplication | null;
  sentCredentials: boolean;
}

/**
 * Basic first, else `client_id`/`client_secret` in the body (`:from_basic, :from_params`, [DK]).
 * A non-confidential application may leave the secret out.
 */
function authenticateClient(req: IncomingMessage, params: URLSearchParams, state: FakeGitLabState): ClientAuthentication {
  const basic = basicCredentials(req);
  const id = basic?.id ?? params.get("client_id");
  const secret = basic ? basic.secret : params.get("client_secret");
  if (!id) return { client: null, sentCredentials: false };
  const application = state.getApplication(id);
  if (!application) return { client: null, sentCredentials: true };
  const publicClient = application.confidential === false && !secret;
  return { client: publicClient || application.secret === secret ? application : null, sentCredentials: true };
}

function sendOAuthError(res: ServerResponse, error: OAuthError): void {
  const status = errorStatus(error);
  const headers: Record<string, string> = { ...NO_STORE };
  if (status === 401) {
    headers["WWW-Authenticate"] = `Bearer realm="Doorkeeper", error="${error.error}", error_description="${error.error_description}"`;
  }
  sendJson(res, status, error, headers);
}

/** Doorkeeper's token body; blank fields are left out ([DT]). A code exchange with `openid` adds an id_token ([OI]). */
function tokenBody(row: TokenRow, state: FakeGitLabState, nonce: string | null | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = { access_token: row.accessToken, token_type: "Bearer" };
  if (row.expiresIn !== null) body.expires_in = row.expiresIn;
  body.refresh_token = row.refreshToken;
  if (row.scopes.length > 0) body.scope = row.scopes.join(" ");
  body.created_at = row.createdAt;
  const user = state.getUser(row.username);
  if (nonce !== undefined && row.scopes.includes("openid") && user) {
    const { scopes, applicationId: clientId } = row;
    body.id_token = state.oidc.idToken({ user, clientId, scopes, nonce, baseUrl: state.baseUrl });
  }
  return body;
}

function grant(state: FakeGitLabState, params: URLSearchParams, { client, sentCredentials }: ClientAuthentication): GrantResult {
  const grantType = params.get("grant_type");
  if (grantType === "authorization_code") return exchangeCode(state, params, client);
  if (grantType === "refresh_token") return refreshTokens(state, params, client, sentCredentials);
  return { ok: false, error: grantType ? oauthError("unsupported_grant_type") : missingParam("grant_type") };
}

/** `POST /oauth/token`. */
export async function handleTokenRequest(req: IncomingMessage, res: ServerResponse, state: FakeGitLabState) {
  const params = await readParams(req);
  state.countTokenRequest(params.get("grant_type"));
  if (await answerInjected(state, res, ["token"], { error: "server_error", error_description: "Injected failure" })) {
    return;
  }
  const result = grant(state, params, authenticateClient(req, params, state));
  if (!result.ok) return sendOAuthError(res, result.error);
  sendJson(res, 200, tokenBody(result.row, state, result.nonce), NO_STORE);
}

/**
 * `POST /oauth/revoke` (Doorkeeper's TokensController#revoke, [DX]): the client must authenticate
 * (403 `unauthorized_client` otherwise, even for unknown tokens); unknown tokens answer 200 `{}`;
 * a confidential app may revoke only its own tokens. The hint is ignored: the token is looked up as
 * an access token, then as a refresh token, and either revokes the whole row. Doorkeeper revokes
 * only an `accessible?` row, so revoking a pair whose access token has expired changes nothing:
 * its refresh token keeps working.
 */
export async function handleRevokeRequest(req: IncomingMessage, res: ServerResponse, state: FakeGitLabState) {
  const params = await readParams(req);
  state.countRevokeRequest();
  if (await answerInjected(state, res, ["revoke"], { error: "server_error", error_description: "Injected failure" })) {
    return;
  }
  const { client } = authenticateClient(req, params, state);
  const forbidden = { error: "unauthorized_client", error_description: "You are not authorized to revoke this token" };
  if (!client) return sendJson(res, 403, forbidden);
  const token = params.get("token") ?? "";
  const row = state.tokens.byAccessToken(token) ?? state.tokens.byRefreshToken(token);
  if (!row) return sendJson(res, 200, {});
  const owner = state.getApplication(row.applicationId);
  if (owner?.confidential !== false && row.applicationId !== client.applicationId) {
    return sendJson(res, 403, forbidden);
  }
  if (isAccessible(row)) row.revoked = true;
  sendJson(res, 200, {});
}

/** The access token from `Authorization: Bearer` or `?access_token=` ([OA]). */
export function requestToken(req: IncomingMessage, url: URL): string | null {
  const bearer = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
  return bearer ?? url.searchParams.get("access_token");
}

/** `GET /oauth/token/info` (GitLab's Oauth::TokenInfoController, keeping `scopes` and `expires_in_seconds`). */
export function handleTokenInfo(req: IncomingMessage, res: ServerResponse, url: URL, state: FakeGitLabState): void {
  const row = state.tokens.byAccessToken(requestToken(req, url) ?? "");
  if (row) revokePreviousRefreshToken(state, row);
  if (!row || !isAccessible(row)) {
    const description = "The access token is invalid";
    const authenticate = `Bearer realm="Doorkeeper", error="invalid_token", error_description="${description}"`;
    const body = { error: "invalid_token", error_description: description };
    return sendJson(res, 401, body, { "WWW-Authenticate": authenticate });
  }
  const user = state.getUser(row.username);
  const expiresIn = secondsLeft(row);
  sendJson(res, 200, {
    resource_owner_id: user?.id ?? null,
    scope: row.scopes,
    expires_in: expiresIn,
    application: { uid: row.applicationId },
    created_at: row.createdAt,
    scopes: row.scopes,
    expires_in_seconds: expiresIn,
  });
}

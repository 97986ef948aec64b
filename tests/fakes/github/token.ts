import type { IncomingMessage, ServerResponse } from "node:http";
import { mediaType, readBody, sendInjected, sendJson, sendText } from "../shared/http";
import { basicCredentials, type ClientCredentials } from "../shared/client-auth";
import type { TokenErrorCode, TokenResult } from "./grants";
import type { FakeGitHubState } from "./state";
import type { FakeApplication, IssuedTokens } from "./types";

const TROUBLESHOOTING = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors";

const ERRORS: Readonly<Record<TokenErrorCode, { description: string; uri: string }>> = {
  incorrect_client_credentials: {
    description: "The client_id and/or client_secret passed are incorrect.",
    uri: `${TROUBLESHOOTING}/#incorrect-client-credentials`,
  },
  redirect_uri_mismatch: {
    description: "The redirect_uri MUST match the registered callback URL for this application.",
    uri: "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#redirect-uri-mismatch2",
  },
  bad_verification_code: {
    description: "The code passed is incorrect or expired.",
    uri: `${TROUBLESHOOTING}/#bad-verification-code`,
  },
  bad_refresh_token: {
    description: "The refresh token passed is incorrect or expired.",
    uri: "https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens",
  },
  unsupported_grant_type: {
    description: "The grant type is not supported.",
    uri: "https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps",
  },
};

/**
 * Parameters from the query string and the body, form-encoded or JSON (octokit sends JSON) [AOA][OM];
 * the body wins.
 */
async function readParams(req: IncomingMessage, url: URL): Promise<Map<string, string>> {
  const params = new Map(url.searchParams);
  const text = await readBody(req);
  if (mediaType(req) === "application/json") {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // An unreadable body carries no parameters, like an empty one.
    }
    if (typeof parsed === "object" && parsed !== null) {
      for (const [key, value] of Object.entries(parsed)) if (typeof value === "string") params.set(key, value);
    }
  } else {
    for (const [key, value] of new URLSearchParams(text)) params.set(key, value);
  }
  return params;
}

function clientCredentials(req: IncomingMessage, params: Map<string, string>, acceptBasic: boolean): ClientCredentials | null {
  const basic = acceptBasic ? basicCredentials(req) : null;
  if (basic) return basic;
  const id = params.get("client_id");
  const secret = params.get("client_secret");
  return id !== undefined && secret !== undefined ? { id, secret } : null;
}

type Grant = "authorization_code" | "refresh_token" | null;

/** No grant_type means a code exchange, as in GitHub's own examples [AOA]. */
function grantOf(grantType: string | undefined): Grant | "unsupported" {
  if (grantType === undefined || grantType === "authorization_code") return "authorization_code";
  return grantType === "refresh_token" ? "refresh_token" : "unsupported";
}

function grantTokens(grant: Grant | "unsupported", application: FakeApplication, params: Map<string, string>, state: FakeGitHubState): TokenResult {
  const get = (name: string): string | null => params.get(name) ?? null;
  if (grant === "authorization_code") {
    return state.grants.exchangeCode(application, get("code"), get("redirect_uri"), get("code_verifier"));
  }
  if (grant === "refresh_token") return state.grants.refresh(application, get("refresh_token"));
  return { ok: false, error: "unsupported_grant_type" };
}

/** Field order of the doc samples; classic tokens carry no expiry or refresh fields [AOA][RUT]. */
function successBody(tokens: IssuedTokens): Record<string, string | number> {
  const body: Record<string, string | number> = { access_token: tokens.accessToken };
  if (tokens.expiresIn !== null) body.expires_in = tokens.expiresIn;
  if (tokens.refreshToken !== null) body.refresh_token = tokens.refreshToken;
  if (tokens.refreshTokenExpiresIn !== null) body.refresh_token_expires_in = tokens.refreshTokenExpiresIn;
  // Comma-separated, implied scopes already dropped [AOA][SC]; token_type is lower-case [RUT].
  body.scope = tokens.scopes.join(",");
  body.token_type = "bearer";
  return body;
}

/** Form-encoded unless the client asks for JSON [AOA]; errors too, and always with HTTP 200 [I2]. */
function answer(req: IncomingMessage, res: ServerResponse, body: Record<string, string | number>): void {
  if ((req.headers.accept ?? "").toLowerCase().includes("application/json")) return sendJson(res, 200, body);
  const form = new URLSearchParams(Object.entries(body).map(([key, value]) => [key, String(value)]));
  sendText(res, 200, "application/x-www-form-urlencoded; charset=utf-8", form.toString());
}

function errorBody(error: TokenErrorCode, description?: string): Record<string, string> {
  return { error, error_description: description ?? ERRORS[error].description, error_uri: ERRORS[error].uri };
}

export async function handleTokenRequest(req: IncomingMessage, res: ServerResponse, url: URL, state: FakeGitHubState): Promise<void> {
  const params = await readParams(req, url);
  const grant = grantOf(params.get("grant_type"));
  state.countTokenRequest(grant === "unsupported" ? null : grant);

  const failure = await state.injection.next(["token"]);
  if (failure) return sendInjected(res, failure, { message: "Injected failure" });

  const credentials = clientCredentials(req, params, state.settings.acceptBasicClientAuth);
  const application = credentials && state.getApplication(credentials.id);
  if (!application || application.clientSecret !== credentials?.secret) {
    return answer(req, res, errorBody("incorrect_client_credentials"));
  }
  const result = grantTokens(grant, application, params, state);
  answer(req, res, result.ok ? successBody(result.tokens) : errorBody(result.error, result.description));
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, redirect, sendHtml } from "../shared/http";
import { errorStatus, INVALID_REDIRECT_URI, missingParam, oauthError, type OAuthError } from "./errors";
import { authorizePage, errorPage } from "./pages";
import { redirectUriAllowed } from "./redirect-uri";
import { DEFAULT_SCOPE, parseScopes, scopesAllowed } from "./scopes";
import type { FakeGitLabState } from "./state";
import type { FakeGitLabApplication, FakeGitLabUser } from "./types";

/** The authorize parameters the consent form carries through as hidden fields. */
const CARRIED_PARAMS = ["client_id", "redirect_uri", "response_type", "state", "scope", "code_challenge", "code_challenge_method", "nonce"] as const;

interface ValidRequest {
  kind: "valid";
  application: FakeGitLabApplication;
  redirectUri: string;
  state: string | null;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: "plain" | "S256" | null;
  nonce: string | null;
}

/** Shown as a page: GitLab never redirects to an unverified client or redirect_uri ([DE], src). */
interface PageError {
  kind: "page";
  status: number;
  message: string;
}

/** Sent back to the verified redirect_uri as `error`, `error_description` and `state`. */
interface RedirectError {
  kind: "redirect";
  redirectUri: string;
  state: string | null;
  error: OAuthError;
}

/**
 * Doorkeeper's PreAuthorization checks, in its order. Run both when showing the page and on the
 * decision, since the form's hidden fields can be edited.
 */
function validate(params: URLSearchParams, state: FakeGitLabState): ValidRequest | PageError | RedirectError {
  const clientId = params.get("client_id");
  if (!clientId) return { kind: "page", status: 400, message: missingParam("client_id").error_description };
  const application = state.getApplication(clientId);
  if (!application) {
    const error = oauthError("invalid_client");
    return { kind: "page", status: errorStatus(error), message: error.error_description };
  }
  const redirectUri = params.get("redirect_uri");
  if (!redirectUri || !redirectUriAllowed(redirectUri, application.redirectUris)) {
    return { kind: "page", status: 400, message: INVALID_REDIRECT_URI };
  }
  const stateParam = params.get("state");
  const fail = (error: OAuthError): RedirectError => ({ kind: "redirect", redirectUri, state: stateParam, error });
  const responseType = params.get("response_type");
  if (!responseType) return fail(missingParam("response_type"));
  if (responseType !== "code") return fail(oauthError("unsupported_response_type"));
  // Without `scope` Doorkeeper falls back to the server default, `api` (effect at gitlab.com unconfirmed).
  const scopeText = params.get("scope");
  const scopes = scopeText?.trim() ? parseScopes(scopeText) : [DEFAULT_SCOPE];
  if (!scopesAllowed(scopes, application.scopes)) return fail(oauthError("invalid_scope"));
  const codeChallenge = params.get("code_challenge") || null;
  const method = params.get("code_challenge_method");
  // A challenge needs an explicit method, plain or S256 ([DL]).
  if (codeChallenge !== null && method !== "plain" && method !== "S256") {
    return fail(oauthError("invalid_code_challenge_method"));
  }
  return {
    kind: "valid",
    application,
    redirectUri,
    state: stateParam,
    scopes,
    codeChallenge,
    codeChallengeMethod: codeChallenge === null ? null : (method as "plain" | "S256"),
    nonce: params.get("nonce"),
  };
}

/** The redirect_uri with the answer added to its query (its own query parameters are kept). */
function callbackLocation(redirectUri: string, answer: Record<string, string>, state: string | null): string {
  const location = new URL(redirectUri);
  for (const [name, value] of Object.entries(answer)) location.searchParams.set(name, value);
  if (state !== null) location.searchParams.set("state", state);
  return location.href;
}

function redirectWithError(res: ServerResponse, { redirectUri, state, error }: RedirectError): void {
  redirect(res, callbackLocation(redirectUri, { ...error }, state));
}

function redirectWithCode(res: ServerResponse, request: ValidRequest, user: FakeGitLabUser, state: FakeGitLabState) {
  const code = state.tokens.addGrant({
    applicationId: request.application.applicationId,
    username: user.username,
    scopes: request.scopes,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod,
    nonce: request.nonce,
    expiresAt: Date.now() + state.settings.authorizationCodeLifetimeSeconds * 1000,
    revoked: false,
  });
  redirect(res, callbackLocation(request.redirectUri, { code }, request.state));
}

export function showAuthorizePage(res: ServerResponse, url: URL, state: FakeGitLabState): void {
  const request = validate(url.searchParams, state);
  if (request.kind === "page") return sendHtml(res, request.status, errorPage(request.message));
  if (request.kind === "redirect") return redirectWithError(res, request);
  // Admin-trusted applications skip the consent page ([OP]).
  if (request.application.trusted) return redirectWithCode(res, request, state.currentUser(), state);
  const params = Object.fromEntries(CARRIED_PARAMS.map((name) => [name, url.searchParams.get(name)]));
  const page = authorizePage({
    application: request.application,
    users: state.listUsers(),
    currentUser: state.currentUser(),
    scopes: request.scopes,
    params,
  });
  sendHtml(res, 200, page);
}

export async function handleAuthorizeDecision(req: IncomingMessage, res: ServerResponse, state: FakeGitLabState): Promise<void> {
  const form = new URLSearchParams(await readBody(req));
  const request = validate(form, state);
  if (request.kind === "page") return sendHtml(res, request.status, errorPage(request.message));
  if (request.kind === "redirect") return redirectWithError(res, request);
  const decision = form.get("decision");
  if (decision === "deny") {
    const { redirectUri, state: stateParam } = request;
    return redirectWithError(res, { kind: "redirect", redirectUri, state: stateParam, error: oauthError("access_denied") });
  }
  if (decision !== "authorize") return sendHtml(res, 400, errorPage("Choose Authorize or Deny."));
  const user = state.getUser(form.get("account") ?? "");
  if (!user) return sendHtml(res, 400, errorPage("Unknown account."));
  redirectWithCode(res, request, user, state);
}

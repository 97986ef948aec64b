import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, redirect, sendHtml } from "../shared/http";
import { authorizePage, errorPage, notFoundPage } from "./pages";
import { redirectUriAllowed } from "./redirect-uri";
import { normalizeScopes } from "./scopes";
import type { FakeGitHubState } from "./state";
import { S256_CHALLENGE } from "./tokens";
import type { FakeApplication } from "./types";

const TROUBLESHOOTING = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors";

/** Parameters the page echoes in hidden fields, so the decision can be checked again. */
const ECHOED = ["client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"] as const;

interface AuthorizeRequest {
  application: FakeApplication;
  /** redirect_uri if given, else the registered callback URL [AOA]. */
  target: string;
  redirectUri: string | null;
  state: string | null;
  codeChallenge: string | null;
  /** Null when the request has no `scope`: the scopes already granted are reused [AOA]. */
  requestedScopes: string[] | null;
}

type Rejection =
  | { page: "not_found" }
  | { page: "error"; problem: string }
  | { redirectTo: string; error: "redirect_uri_mismatch" | "application_suspended"; state: string | null };

const REDIRECT_ERRORS = {
  redirect_uri_mismatch: "The redirect_uri MUST match the registered callback URL for this application.",
  application_suspended: "Your application has been suspended. Contact support@github.com.",
  access_denied: "The user has denied your application access.",
} as const;

function param(params: URLSearchParams, name: string): string | null {
  const value = params.get(name);
  return value === null || value === "" ? null : value;
}

/** Space-delimited per the docs [AOA]; older docs and clients use commas, which GitHub still accepts. */
function parseScope(scope: string | null): string[] | null {
  return scope === null ? null : normalizeScopes(scope.split(/[\s,]+/).filter(Boolean));
}

/** Checked when showing the page and again on the decision, since the form's hidden fields can be edited. */
function validate(params: URLSearchParams, state: FakeGitHubState): AuthorizeRequest | Rejection {
  const application = state.getApplication(param(params, "client_id") ?? "");
  if (!application) return { page: "not_found" };
  const redirectUri = param(params, "redirect_uri");
  const oauthState = params.get("state");
  // A mismatch goes back to the registered callback URL, not to the offered one [TA].
  if (redirectUri !== null && !redirectUriAllowed(redirectUri, application.callbackUrl)) {
    return { redirectTo: application.callbackUrl, error: "redirect_uri_mismatch", state: oauthState };
  }
  const target = redirectUri ?? application.callbackUrl;
  if (application.suspended) return { redirectTo: target, error: "application_suspended", state: oauthState };
  const codeChallenge = param(params, "code_challenge");
  if (codeChallenge !== null) {
    if (params.get("code_challenge_method") !== "S256") {
      return { page: "error", problem: "code_challenge_method must be S256: GitHub supports no other PKCE method." };
    }
    if (!S256_CHALLENGE.test(codeChallenge)) {
      return { page: "error", problem: "code_challenge must be 43 base64url characters (S256 of the verifier)." };
    }
  }
  return {
    application,
    target,
    redirectUri,
    state: oauthState,
    codeChallenge,
    requestedScopes: parseScope(params.get("scope")),
  };
}

function sendRejection(res: ServerResponse, rejection: Rejection): void {
  if ("page" in rejection) {
    return rejection.page === "not_found" ? sendHtml(res, 404, notFoundPage()) : sendHtml(res, 400, errorPage(rejection.problem));
  }
  redirectWithError(res, rejection.redirectTo, rejection.error, rejection.state);
}

function redirectWithError(res: ServerResponse, target: string, error: keyof typeof REDIRECT_ERRORS, state: string | null): void {
  const location = new URL(target);
  location.searchParams.set("error", error);
  location.searchParams.set("error_description", REDIRECT_ERRORS[error]);
  location.searchParams.set("error_uri", `${TROUBLESHOOTING}#${error.replace(/_/g, "-")}`);
  if (state !== null) location.searchParams.set("state", state);
  redirect(res, location.href);
}

function offeredScopes(request: AuthorizeRequest, state: FakeGitHubState, login: string): string[] {
  return request.requestedScopes ?? state.grants.previouslyGrantedScopes(request.application.clientId, login);
}

export function showAuthorizePage(res: ServerResponse, url: URL, state: FakeGitHubState): void {
  const request = validate(url.searchParams, state);
  if (!("application" in request)) return sendRejection(res, request);
  // `login` suggests which account to sign in with [AOA].
  const currentUser = state.getUser(url.searchParams.get("login") ?? "") ?? state.currentUser();
  const echoed = Object.fromEntries(ECHOED.map((name) => [name, url.searchParams.get(name)]));
  const page = authorizePage({
    application: request.application,
    users: state.listUsers(),
    currentUser,
    scopes: offeredScopes(request, state, currentUser.login),
    echoed,
  });
  sendHtml(res, 200, page);
}

export async function handleAuthorizeDecision(req: IncomingMessage, res: ServerResponse, state: FakeGitHubState): Promise<void> {
  const form = new URLSearchParams(await readBody(req));
  const request = validate(form, state);
  if (!("application" in request)) return sendRejection(res, request);
  const decision = form.get("decision");
  if (decision === "cancel") return redirectWithError(res, request.target, "access_denied", request.state);
  if (decision !== "authorize") return sendHtml(res, 400, errorPage("Choose Authorize or Cancel."));
  const user = state.getUser(form.get("account") ?? "");
  if (!user) return sendHtml(res, 400, errorPage("Unknown account."));

  const checked = new Set(form.getAll("grant_scope"));
  const scopes = offeredScopes(request, state, user.login).filter((scope) => checked.has(scope));
  const grant = { clientId: request.application.clientId, login: user.login, scopes };
  const location = new URL(request.target);
  location.searchParams.set("code", state.grants.issueCode(grant, request.redirectUri, request.codeChallenge));
  if (request.state !== null) location.searchParams.set("state", request.state);
  redirect(res, location.href);
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { mediaType, readBody, redirect, sendHtml, sendInjected, sendJson } from "../shared/http";
import { authorizePage, errorPage } from "./pages";
import type { FakeBitbucketState, TokenResult } from "./state";
import type { FakeConsumer } from "./types";

interface AuthorizeRequest {
  consumer: FakeConsumer;
  /** Where the browser goes back to: redirect_uri if given, else the consumer's Callback URL. */
  callbackTarget: string;
  redirectUri: string | null;
  state: string | null;
}

/** Checks done both when showing the page and on the decision, since the form's hidden fields can be edited. */
function validateAuthorizeRequest(params: URLSearchParams, state: FakeBitbucketState): AuthorizeRequest | { problem: string } {
  const consumer = state.getConsumer(params.get("client_id") ?? "");
  if (!consumer) return { problem: "Invalid client_id: there is no OAuth consumer with this key." };
  if (params.get("response_type") !== "code") return { problem: 'Invalid response_type: it must be "code".' };
  const redirectUri = params.get("redirect_uri");
  if (redirectUri !== null && consumer.callbackUrl && !redirectUri.startsWith(consumer.callbackUrl)) {
    return { problem: "Invalid redirect_uri: it does not start with the consumer's Callback URL." };
  }
  const callbackTarget = redirectUri ?? consumer.callbackUrl;
  if (!callbackTarget) return { problem: "This OAuth consumer has no Callback URL." };
  if (!URL.canParse(callbackTarget)) return { problem: "Invalid redirect_uri: it is not an absolute URL." };
  return { consumer, callbackTarget, redirectUri, state: params.get("state") };
}

export function showAuthorizePage(res: ServerResponse, url: URL, state: FakeBitbucketState): void {
  const request = validateAuthorizeRequest(url.searchParams, state);
  if ("problem" in request) return sendHtml(res, 400, errorPage(request.problem));
  const page = authorizePage({
    consumer: request.consumer,
    users: state.listUsers(),
    currentUser: state.currentUser(),
    state: request.state,
    redirectUri: request.redirectUri,
  });
  sendHtml(res, 200, page);
}

export async function handleAuthorizeDecision(req: IncomingMessage, res: ServerResponse, state: FakeBitbucketState): Promise<void> {
  const form = new URLSearchParams(await readBody(req));
  const request = validateAuthorizeRequest(form, state);
  if ("problem" in request) return sendHtml(res, 400, errorPage(request.problem));
  const location = new URL(request.callbackTarget);
  const decision = form.get("decision");
  if (decision === "grant") {
    const user = state.getUser(form.get("account") ?? "");
    if (!user) return sendHtml(res, 400, errorPage("Unknown account."));
    location.searchParams.set("code", state.issueCode(request.consumer, user, request.redirectUri));
  } else if (decision === "deny") {
    location.searchParams.set("error", "access_denied");
    location.searchParams.set("error_description", "The user denied access to the application.");
  } else {
    return sendHtml(res, 400, errorPage("Choose Grant access or Deny."));
  }
  if (request.state !== null) location.searchParams.set("state", request.state);
  redirect(res, location.href);
}

/** Basic `base64(key:secret)` as documented, else body parameters, which also work in practice. */
function clientCredentials(req: IncomingMessage, form: URLSearchParams): { key: string; secret: string } | null {
  const header = req.headers.authorization ?? "";
  if (/^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice("basic ".length).trim(), "base64").toString("utf8");
    const separator = decoded.indexOf(":");
    if (separator < 0) return null;
    return { key: decoded.slice(0, separator), secret: decoded.slice(separator + 1) };
  }
  const key = form.get("client_id");
  const secret = form.get("client_secret");
  return key !== null && secret !== null ? { key, secret } : null;
}

function authenticateClient(req: IncomingMessage, form: URLSearchParams, state: FakeBitbucketState): FakeConsumer | null {
  const credentials = clientCredentials(req, form);
  if (!credentials) return null;
  const consumer = state.getConsumer(credentials.key);
  return consumer?.secret === credentials.secret ? consumer : null;
}

/** Bitbucket does not report scopes in a stable order; shuffling keeps clients from relying on one. */
function shuffled(items: readonly string[]): string[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function grantTokens(grantType: string | null, consumer: FakeConsumer, form: URLSearchParams, state: FakeBitbucketState): TokenResult {
  switch (grantType) {
    case "authorization_code":
      return state.exchangeCode(consumer, form.get("code"), form.get("redirect_uri"));
    case "refresh_token":
      return state.refresh(consumer, form.get("refresh_token"));
    default:
      return {
        ok: false,
        error: { error: "unsupported_grant_type", error_description: `Unsupported grant type: ${grantType ?? "none"}` },
      };
  }
}

const NO_STORE = { "Cache-Control": "no-store" };

export async function handleTokenRequest(req: IncomingMessage, res: ServerResponse, state: FakeBitbucketState): Promise<void> {
  const isForm = mediaType(req) === "application/x-www-form-urlencoded";
  const body = await readBody(req);
  const form = new URLSearchParams(isForm ? body : "");
  const grantType = form.get("grant_type");
  state.countTokenRequest(grantType);

  const failure = await state.injection.next(["token"]);
  if (failure) {
    return sendInjected(res, failure, { error: "server_error", error_description: "Injected failure" });
  }

  if (!isForm) {
    const description = "Content-Type must be application/x-www-form-urlencoded";
    return sendJson(res, 400, { error: "invalid_request", error_description: description }, NO_STORE);
  }
  const consumer = authenticateClient(req, form, state);
  if (!consumer) {
    const error = { error: "unauthorized_client", error_description: "Invalid OAuth client credentials" };
    return sendJson(res, 400, error, NO_STORE);
  }
  const result = grantTokens(grantType, consumer, form, state);
  if (!result.ok) return sendJson(res, 400, result.error, NO_STORE);

  const { tokens } = result;
  const response = {
    [state.settings.scopeField]: shuffled(tokens.scopes).join(" "),
    access_token: tokens.accessToken,
    expires_in: tokens.expiresIn,
    token_type: "bearer",
    // Bitbucket echoes the grant type here; it is not the CSRF state.
    state: grantType,
    refresh_token: tokens.refreshToken,
  };
  sendJson(res, 200, response, NO_STORE);
}

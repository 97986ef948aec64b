import { randomInt } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, recordOf, sendJson, sendWithHeaders } from "../shared/http";
import type { ApiRequest as BaseApiRequest, ApiResponse } from "../shared/types";
import { projectsOf, userJson } from "./api-data";
import { revokePreviousRefreshToken } from "./grants";
import { answerInjected } from "./injected";
import { requestToken } from "./oauth-endpoints";
import { paginate } from "./pagination";
import { THROTTLED_BODY } from "./rate-limit";
import type { FakeGitLabState } from "./state";
import { isExpired } from "./tokens";
import type { FakeGitLabUser, InjectionTarget } from "./types";

type ApiRequest = BaseApiRequest<FakeGitLabUser>;

interface ApiRoute {
  method: string;
  path: string;
  /** The token needs one of these scopes. */
  scopes: readonly string[];
  handle(request: ApiRequest): ApiResponse;
}

/** api_guard's 401 bodies ([AG]). */
const EXPIRED_DESCRIPTION = "Token is expired. You can either do re-authorization or token refresh.";
const REVOKED_DESCRIPTION = "Token was revoked. You have to re-authorize from the user.";
const SCOPE_DESCRIPTION = "The request requires higher privileges than provided by the access token.";
/** Unknown or absent token (unconfirmed wording for OAuth tokens). */
const UNAUTHORIZED = { message: "401 Unauthorized" };

function listProjects({ url, user, baseUrl }: ApiRequest): ApiResponse {
  const search = url.searchParams.get("search")?.toLowerCase();
  const projects = projectsOf(user, baseUrl).filter((project) => !search || String(project.name).includes(search));
  const { page, headers } = paginate(projects, url, baseUrl);
  return { status: 200, body: page, headers };
}

function parsedBody(body: string, contentType: string | null): Record<string, unknown> {
  if (contentType?.split(";")[0]?.trim().toLowerCase() !== "application/json") {
    return Object.fromEntries(new URLSearchParams(body));
  }
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { received_body: body };
  } catch {
    return { received_body: body };
  }
}

/** Echoes what it received, so a proxy test can check the method, body and content type arrived intact. */
function createSnippet({ body, contentType, user }: ApiRequest): ApiResponse {
  return {
    status: 201,
    body: {
      ...parsedBody(body, contentType),
      id: randomInt(1, 1_000_000),
      author: { id: user.id, username: user.username },
      received_content_type: contentType,
    },
  };
}

const ROUTES: readonly ApiRoute[] = [
  {
    method: "GET",
    path: "/api/v4/user",
    scopes: ["read_user", "read_api", "api"],
    handle: ({ user, baseUrl }) => ({ status: 200, body: userJson(user, baseUrl) }),
  },
  { method: "GET", path: "/api/v4/projects", scopes: ["read_api", "api"], handle: listProjects },
  { method: "POST", path: "/api/v4/snippets", scopes: ["api"], handle: createSnippet },
];

function invalidToken(description: string): { body: unknown; headers: Record<string, string> } {
  const authenticate = `Bearer realm="", error="invalid_token", error_description="${description}"`;
  return { body: { error: "invalid_token", error_description: description }, headers: { "WWW-Authenticate": authenticate } };
}

export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, url: URL, state: FakeGitLabState): Promise<void> {
  const body = await readBody(req);
  state.countApiRequest(recordOf(req, url));
  const targets: InjectionTarget[] = url.pathname === "/api/v4/user" ? ["user", "api"] : ["api"];
  if (await answerInjected(state, res, targets, { message: "500 Internal Server Error" })) return;

  // GitLab's catch-all route answers unknown paths before looking at the token.
  const route = ROUTES.find((candidate) => candidate.method === req.method && candidate.path === url.pathname);
  if (!route) return sendJson(res, 404, { error: "404 Not Found" });

  const row = state.tokens.byAccessToken(requestToken(req, url) ?? "");
  if (!row) return sendJson(res, 401, UNAUTHORIZED);
  revokePreviousRefreshToken(state, row);
  // AccessTokenValidationService checks expiry, then revocation, then scopes.
  if (isExpired(row)) {
    const { body: errorBody, headers } = invalidToken(EXPIRED_DESCRIPTION);
    return sendJson(res, 401, errorBody, headers);
  }
  if (row.revoked) {
    const { body: errorBody, headers } = invalidToken(REVOKED_DESCRIPTION);
    return sendJson(res, 401, errorBody, headers);
  }
  const user = state.getUser(row.username);
  if (!user) return sendJson(res, 401, UNAUTHORIZED);

  const limit = state.settings.rateLimitPerMinute;
  const verdict = limit === null ? null : state.rateLimiter.hit(user.username, limit);
  const rateHeaders = verdict?.headers ?? {};
  if (verdict && !verdict.allowed) {
    return sendWithHeaders(res, 429, { ...rateHeaders, "Content-Type": "text/plain" }, THROTTLED_BODY);
  }
  if (!route.scopes.some((scope) => row.scopes.includes(scope))) {
    const scopeBody = { error: "insufficient_scope", error_description: SCOPE_DESCRIPTION, scope: route.scopes.join(" ") };
    return sendJson(res, 403, scopeBody, rateHeaders);
  }
  const response = route.handle({ url, user, body, contentType: req.headers["content-type"] ?? null, baseUrl: state.baseUrl });
  sendJson(res, response.status, response.body, { ...rateHeaders, ...response.headers });
}

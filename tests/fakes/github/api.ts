import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, recordOf, sendInjected } from "../shared/http";
import type { ApiRequest as BaseApiRequest, ApiResponse } from "../shared/types";
import { paginate } from "./pagination";
import { emailJson, publicRepositoryCount, repositoriesOf, userJson } from "./resources";
import { accessTokenOf, BAD_CREDENTIALS, NOT_FOUND, refuseWithoutUserAgent, restError, sendRest } from "./rest";
import { coversAny, expandScopes } from "./scopes";
import type { FakeGitHubState } from "./state";
import type { FakeUser, InjectionTarget } from "./types";

interface ApiRequest extends BaseApiRequest<FakeUser> {
  /** Capture groups of the route's path pattern, URL-decoded. */
  params: string[];
  scopes: string[];
}

interface ApiRoute {
  method: string;
  path: RegExp;
  /** Scopes any one of which the token needs (`X-Accepted-OAuth-Scopes`); empty for any token [SC]. */
  accepted: string[];
  handle(request: ApiRequest): ApiResponse;
}

function listRepositories(request: ApiRequest): ApiResponse {
  const includePrivate = expandScopes(request.scopes).has("repo");
  const repositories = repositoriesOf(request.user, request.baseUrl, includePrivate);
  return paginate(repositories, request.url, request.baseUrl);
}

/** Only the caller's own repositories exist here; a private one without `repo` is hidden as 404 [TR]. */
function getRepository(request: ApiRequest): ApiResponse {
  const [owner = "", name = ""] = request.params;
  const includePrivate = expandScopes(request.scopes).has("repo");
  const visible = owner === request.user.login ? repositoriesOf(request.user, request.baseUrl, includePrivate) : [];
  const repository = visible.find((repo) => repo.name === name);
  return repository ? { status: 200, body: repository } : { status: 404, body: NOT_FOUND };
}

/** Echoes what it received, so a proxy test can check the method, body and content type arrived intact. */
function createGist({ body, contentType, baseUrl }: ApiRequest): ApiResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status: 400, body: restError(400, "Problems parsing JSON") };
  }
  const id = randomBytes(16).toString("hex");
  const echoed = typeof parsed === "object" && parsed !== null ? parsed : { received_body: parsed };
  return {
    status: 201,
    body: { ...echoed, id, url: `${baseUrl}/gists/${id}`, received_content_type: contentType },
  };
}

const ROUTES: readonly ApiRoute[] = [
  {
    method: "GET",
    path: /^\/user$/,
    accepted: [],
    handle: ({ user, baseUrl }) => ({ status: 200, body: userJson(user, baseUrl, publicRepositoryCount) }),
  },
  {
    method: "GET",
    path: /^\/user\/emails$/,
    accepted: ["user", "user:email"],
    // A top-level array, not a page object [US].
    handle: ({ user }) => ({ status: 200, body: user.emails.map(emailJson) }),
  },
  { method: "GET", path: /^\/user\/repos$/, accepted: [], handle: listRepositories },
  { method: "GET", path: /^\/repos\/([^/]+)\/([^/]+)$/, accepted: [], handle: getRepository },
  { method: "POST", path: /^\/gists$/, accepted: ["gist"], handle: createGist },
];

/** The identity lookups a client makes while connecting an account. */
function injectionTargets(pathname: string): InjectionTarget[] {
  return pathname === "/user" || pathname === "/user/emails" ? ["user", "api"] : ["api"];
}

/** GitHub's conditional requests: a weak ETag on every GET, and 304 when If-None-Match has it. */
function withEtag(req: IncomingMessage, response: ApiResponse): ApiResponse {
  if (req.method !== "GET" || response.status !== 200) return response;
  const etag = `W/"${createHash("sha256").update(JSON.stringify(response.body)).digest("hex")}"`;
  const headers = { ...response.headers, ETag: etag };
  const ifNoneMatch = (req.headers["if-none-match"] ?? "").split(",").map((tag) => tag.trim());
  return ifNoneMatch.includes(etag) ? { status: 304, body: null, headers } : { ...response, headers };
}

/** The x-ratelimit-* headers GitHub puts on every authenticated answer [RL]. */
function rateHeaders(limit: number, used: number, resetAt: number): Record<string, string> {
  return {
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(Math.max(0, limit - used)),
    "x-ratelimit-used": String(used),
    "x-ratelimit-reset": String(Math.ceil(resetAt / 1000)),
    "x-ratelimit-resource": "core",
  };
}

function findRoute(method: string, pathname: string): { route: ApiRoute; params: string[] } | undefined {
  for (const route of ROUTES) {
    const match = route.method === method ? route.path.exec(pathname) : null;
    if (match) return { route, params: match.slice(1).map((param) => decodeURIComponent(param ?? "")) };
  }
  return undefined;
}

/** A token lacking the route's scope sees a 404, as if the resource did not exist [TR]. */
function respond(req: IncomingMessage, { route, params }: { route: ApiRoute; params: string[] }, request: Omit<ApiRequest, "params">): ApiResponse {
  if (!coversAny(request.scopes, route.accepted)) return { status: 404, body: NOT_FOUND };
  return withEtag(req, route.handle({ ...request, params }));
}

export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, url: URL, state: FakeGitHubState): Promise<void> {
  const body = await readBody(req);
  state.countApiRequest(recordOf(req, url));
  if (refuseWithoutUserAgent(req, res)) return;

  const targets = injectionTargets(url.pathname);
  const failure = await state.injection.next(targets);
  if (failure) return sendInjected(res, failure, restError(failure.status, "Injected failure"));

  const token = accessTokenOf(req);
  if (token === null) return sendRest(res, 401, restError(401, "Requires authentication"));
  const auth = state.authenticate(token);
  if (auth.status === "invalid") return sendRest(res, 401, BAD_CREDENTIALS);

  const limit = state.settings.rateLimitPerHour;
  const quota = state.rateWindow(auth.user.login);
  if (quota.used >= limit) {
    const status = state.settings.rateLimitStatus;
    const message = `API rate limit exceeded for user ID ${auth.user.id}.`;
    return sendRest(res, status, restError(status, message), rateHeaders(limit, quota.used, quota.resetAt));
  }
  const found = findRoute(req.method ?? "GET", url.pathname);
  const request: Omit<ApiRequest, "params"> = {
    url,
    user: auth.user,
    scopes: auth.grant.scopes,
    body,
    contentType: req.headers["content-type"] ?? null,
    baseUrl: state.baseUrl,
  };
  const response = found ? respond(req, found, request) : { status: 404, body: NOT_FOUND };
  // A 304 does not count against the limit [RL].
  if (response.status !== 304) quota.used += 1;
  sendRest(res, response.status, response.body, {
    ...response.headers,
    ...rateHeaders(limit, quota.used, quota.resetAt),
    "X-OAuth-Scopes": auth.grant.scopes.join(", "),
    "X-Accepted-OAuth-Scopes": (found?.route.accepted ?? []).join(", "),
    "X-GitHub-Media-Type": "github.v3; format=json",
  });
}

import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, recordOf, sendInjected, sendJson } from "../shared/http";
import type { ApiRequest as BaseApiRequest, ApiResponse } from "../shared/types";
import { receiveUpload, sendRepositoryFile } from "./files";
import { expandScopes } from "./scopes";
import type { FakeBitbucketState } from "./state";
import type { FakeUser, InjectionTarget } from "./types";

interface ApiRequest extends BaseApiRequest<FakeUser> {
  /** Capture groups of the route's path pattern, URL-decoded. */
  params: string[];
}

interface ApiRoute {
  method: string;
  path: RegExp;
  /** Scope the token must hold after implication expansion; null for any valid token. */
  scope: string | null;
  handle(request: ApiRequest): ApiResponse;
}

function apiError(message: string, detail?: unknown): { type: "error"; error: Record<string, unknown> } {
  return { type: "error", error: detail === undefined ? { message } : { message, detail } };
}

const EXPIRED_MESSAGE = "Access token expired. Use your refresh token to obtain a new access token.";
const INVALID_MESSAGE = "Token is invalid, expired, or not supported for this endpoint.";
const SCOPE_MESSAGE = "Your credentials lack one or more required privilege scopes.";
const RATE_LIMIT_MESSAGE = "Rate limit for this resource has been exceeded";

function positiveInt(value: string | null, fallback: number, max: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 1 ? Math.min(parsed, max) : fallback;
}

/** Bitbucket's page object; `next` is an absolute URL keeping the request's other query parameters. */
function paginate(items: unknown[], { url, baseUrl }: ApiRequest): Record<string, unknown> {
  const pagelen = positiveInt(url.searchParams.get("pagelen"), 10, 100);
  const page = positiveInt(url.searchParams.get("page"), 1, Number.MAX_SAFE_INTEGER);
  const start = (page - 1) * pagelen;
  const result: Record<string, unknown> = {
    pagelen,
    size: items.length,
    page,
    values: items.slice(start, start + pagelen),
  };
  if (start + pagelen < items.length) {
    const next = new URL(url.pathname + url.search, baseUrl);
    next.searchParams.set("page", String(page + 1));
    result.next = next.href;
  }
  return result;
}

function userJson(user: FakeUser): Record<string, unknown> {
  return {
    type: "user",
    uuid: user.uuid,
    account_id: user.accountId,
    display_name: user.displayName,
    nickname: user.nickname,
    links: { avatar: { href: user.avatarUrl } },
    created_on: user.createdOn,
  };
}

function emailJson({ email, isPrimary, isConfirmed }: FakeUser["emails"][number]): Record<string, unknown> {
  return { type: "email", email, is_primary: isPrimary, is_confirmed: isConfirmed };
}

/** Every user owns a personal workspace named after their nickname. */
function workspaceAccessJson(user: FakeUser, baseUrl: string): Record<string, unknown> {
  return {
    type: "workspace_access",
    administrator: true,
    workspace: {
      type: "workspace_link",
      uuid: user.uuid,
      slug: user.nickname,
      name: user.displayName,
      links: { self: { href: `${baseUrl}/2.0/workspaces/${user.nickname}` } },
    },
  };
}

const REPOSITORY_SLUGS = ["analytical-engine", "notes", "website"];

function repositoryJson(workspace: string, slug: string, baseUrl: string): Record<string, unknown> {
  return {
    type: "repository",
    full_name: `${workspace}/${slug}`,
    name: slug,
    slug,
    is_private: slug !== "website",
    workspace: { type: "workspace", slug: workspace },
    links: { self: { href: `${baseUrl}/2.0/repositories/${workspace}/${slug}` } },
  };
}

function listRepositories(request: ApiRequest): ApiResponse {
  const [workspace = ""] = request.params;
  const repositories = REPOSITORY_SLUGS.map((slug) => repositoryJson(workspace, slug, request.baseUrl));
  const body = paginate(repositories, request);
  // Echoed so a proxy test can see that query strings pass through untouched.
  const q = request.url.searchParams.get("q");
  if (q !== null) body.q = q;
  return { status: 200, body };
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Echoes what it received, so a proxy test can check the method, body and content type arrived intact. */
function createSnippet({ body, contentType }: ApiRequest): ApiResponse {
  const echoed = parseJsonObject(body) ?? { received_body: body };
  return {
    status: 201,
    body: { ...echoed, type: "snippet", id: randomBytes(4).toString("hex"), received_content_type: contentType },
  };
}

const ROUTES: readonly ApiRoute[] = [
  {
    method: "GET",
    path: /^\/2\.0\/user$/,
    scope: "account",
    handle: ({ user }) => ({ status: 200, body: userJson(user) }),
  },
  {
    method: "GET",
    path: /^\/2\.0\/user\/emails$/,
    scope: "email",
    handle: (request) => ({ status: 200, body: paginate(request.user.emails.map(emailJson), request) }),
  },
  {
    method: "GET",
    path: /^\/2\.0\/user\/workspaces$/,
    scope: null,
    handle: (request) => ({
      status: 200,
      body: paginate([workspaceAccessJson(request.user, request.baseUrl)], request),
    }),
  },
  { method: "GET", path: /^\/2\.0\/repositories\/([^/]+)$/, scope: "repository", handle: listRepositories },
  { method: "POST", path: /^\/2\.0\/snippets$/, scope: "snippet", handle: createSnippet },
];

/** Routes whose bodies stream (./files.ts): the handler reads the request or writes the answer itself. */
interface StreamingRoute {
  method: string;
  path: RegExp;
  scope: string;
  handle(req: IncomingMessage, res: ServerResponse, params: string[], state: FakeBitbucketState): Promise<void>;
}

const STREAMING_ROUTES: readonly StreamingRoute[] = [
  {
    method: "GET",
    path: /^\/2\.0\/repositories\/([^/]+)\/([^/]+)\/src\/([^/]+)\/(.+)$/,
    scope: "repository",
    handle: async (_req, res, [, , , filePath = ""], state) => {
      const bytes = state.repositoryFileSize(filePath);
      if (bytes === undefined) return sendJson(res, 404, apiError(`No such file or directory: ${filePath}`));
      await sendRepositoryFile(res, bytes);
    },
  },
  {
    method: "POST",
    path: /^\/2\.0\/repositories\/([^/]+)\/([^/]+)\/downloads$/,
    scope: "repository:write",
    handle: async (req, res, _params, state) => state.recordUpload(await receiveUpload(req, res)),
  },
];

function findStreamingRoute(method: string, pathname: string): { route: StreamingRoute; params: string[] } | null {
  for (const route of STREAMING_ROUTES) {
    const match = route.method === method ? route.path.exec(pathname) : null;
    if (match) return { route, params: match.slice(1).map((param) => decodeURIComponent(param ?? "")) };
  }
  return null;
}

/** The identity lookups a client makes while connecting an account. */
function injectionTargets(pathname: string): InjectionTarget[] {
  return pathname === "/2.0/user" || pathname === "/2.0/user/emails" ? ["user", "api"] : ["api"];
}

function bearerToken(req: IncomingMessage): string | null {
  const match = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return match?.[1] ?? null;
}

function findRoute(method: string, pathname: string): { route: ApiRoute; params: string[] } | null {
  for (const route of ROUTES) {
    const match = route.method === method ? route.path.exec(pathname) : null;
    if (match) return { route, params: match.slice(1).map((param) => decodeURIComponent(param ?? "")) };
  }
  return null;
}

export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, url: URL, state: FakeBitbucketState): Promise<void> {
  const streaming = findStreamingRoute(req.method ?? "GET", url.pathname);
  const body = streaming ? "" : await readBody(req);
  state.countApiRequest(recordOf(req, url));

  const targets = injectionTargets(url.pathname);
  const failure = await state.injection.next(targets);
  if (failure) return sendInjected(res, failure, apiError("Injected failure"));

  const auth = state.authenticate(bearerToken(req));
  if (auth.status === "expired") return sendJson(res, 401, apiError(EXPIRED_MESSAGE));
  if (auth.status === "invalid") return sendJson(res, 401, apiError(INVALID_MESSAGE));
  if (!state.allowApiCall(auth.user.nickname)) return sendJson(res, 429, apiError(RATE_LIMIT_MESSAGE));

  if (streaming) {
    if (!expandScopes(auth.grant.scopes).has(streaming.route.scope)) return sendJson(res, 403, apiError(SCOPE_MESSAGE));
    return streaming.route.handle(req, res, streaming.params, state);
  }
  const found = findRoute(req.method ?? "GET", url.pathname);
  if (!found) return sendJson(res, 404, apiError("Resource not found"));
  const { route, params } = found;
  if (route.scope !== null && !expandScopes(auth.grant.scopes).has(route.scope)) {
    const detail = { granted: [...auth.grant.scopes], required: [route.scope] };
    return sendJson(res, 403, apiError(SCOPE_MESSAGE, detail));
  }
  const request: ApiRequest = {
    url,
    user: auth.user,
    params,
    body,
    contentType: req.headers["content-type"] ?? null,
    baseUrl: state.baseUrl,
  };
  const response = route.handle(request);
  sendJson(res, response.status, response.body, response.headers);
}

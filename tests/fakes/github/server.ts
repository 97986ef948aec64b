import type { IncomingMessage, ServerResponse } from "node:http";
import { sendHtml, sendJson, sendText } from "../shared/http";
import { initialsAvatarSvg } from "../shared/avatar";
import { CONTROL_PREFIX, handleControlRequest } from "../shared/control-api";
import { serveFake } from "../shared/server";
import { handleApiRequest } from "./api";
import { APPLICATIONS_PATH, handleApplicationsRequest } from "./applications";
import { handleAuthorizeDecision, showAuthorizePage } from "./authorize";
import { CONTROL_HANDLERS } from "./control-api";
import { DECISION_PATH, notFoundPage } from "./pages";
import { FakeGitHubState } from "./state";
import { handleTokenRequest } from "./token";
import type { FakeGitHub, FakeGitHubOptions } from "./types";

export type * from "./types";

/**
 * One server plays github.com (`/login/oauth/*`, avatars) and api.github.com, whose REST paths are
 * served at the root so the fake's URL can be GITHUB_API_BASE_URL as it is; the two never collide.
 */
async function route(req: IncomingMessage, res: ServerResponse, state: FakeGitHubState): Promise<void> {
  const url = new URL(req.url ?? "/", state.baseUrl);
  const { pathname } = url;
  const method = req.method ?? "GET";
  if (pathname.startsWith(CONTROL_PREFIX)) return handleControlRequest(req, res, url, state, CONTROL_HANDLERS);
  if (pathname.startsWith("/login/")) {
    if (method === "GET" && pathname === "/login/oauth/authorize") return showAuthorizePage(res, url, state);
    if (method === "POST" && pathname === DECISION_PATH) return handleAuthorizeDecision(req, res, state);
    if (method === "POST" && pathname === "/login/oauth/access_token") return handleTokenRequest(req, res, url, state);
    return sendHtml(res, 404, notFoundPage());
  }
  const avatarId = /^\/avatars\/u\/(\d+)$/.exec(pathname)?.[1];
  if (avatarId !== undefined) {
    const user = state.getUserById(Number(avatarId));
    if (user) return sendText(res, 200, "image/svg+xml", initialsAvatarSvg(user.name ?? user.login, "#24292f"));
    return sendHtml(res, 404, notFoundPage());
  }
  if (APPLICATIONS_PATH.test(pathname)) return handleApplicationsRequest(req, res, url, state);
  return handleApiRequest(req, res, url, state);
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const { url, state, close } = await serveFake(
    options,
    (baseUrl) => new FakeGitHubState(options, baseUrl),
    route,
    (res, message) => sendJson(res, 500, { message: `Fake GitHub failed: ${message}` }),
  );
  return {
    url,
    ...state.commonControls(),
    addApplication: (application) => state.addApplication(application),
    revokeGrant: (login, clientId) => state.revokeGrant(login, clientId),
    issueTokensDirectly: (issue) => state.issueTokensDirectly(issue),
    close,
  };
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { initialsAvatarSvg } from "../shared/avatar";
import { CONTROL_PREFIX, handleControlRequest } from "../shared/control-api";
import { sendHtml, sendJson, sendText } from "../shared/http";
import { serveFake } from "../shared/server";
import { handleApiRequest } from "./api";
import { handleAuthorizeDecision, showAuthorizePage } from "./authorize";
import { CONTROL_HANDLERS } from "./control-api";
import { handleRevokeRequest, handleTokenInfo, handleTokenRequest } from "./oauth-endpoints";
import { AUTHORIZE_PATH, errorPage } from "./pages";
import { FakeGitLabState } from "./state";
import type { FakeGitLab, FakeGitLabOptions } from "./types";

export type * from "./types";

/** One host, like gitlab.com or a self-managed GitLab: `/oauth/*` and `/api/v4/*`. */
async function route(req: IncomingMessage, res: ServerResponse, state: FakeGitLabState): Promise<void> {
  const url = new URL(req.url ?? "/", state.baseUrl);
  const { pathname } = url;
  const method = req.method ?? "GET";
  if (pathname.startsWith("/api/v4/")) return handleApiRequest(req, res, url, state);
  if (pathname.startsWith(CONTROL_PREFIX)) return handleControlRequest(req, res, url, state, CONTROL_HANDLERS);
  if (method === "GET" && pathname === AUTHORIZE_PATH) return showAuthorizePage(res, url, state);
  if (method === "POST" && pathname === AUTHORIZE_PATH) return handleAuthorizeDecision(req, res, state);
  if (method === "POST" && pathname === "/oauth/token") return handleTokenRequest(req, res, state);
  if (method === "POST" && pathname === "/oauth/revoke") return handleRevokeRequest(req, res, state);
  if (method === "GET" && pathname === "/oauth/token/info") return handleTokenInfo(req, res, url, state);
  if (method === "GET" && pathname === "/.well-known/openid-configuration") return sendJson(res, 200, state.oidc.discovery());
  if (method === "GET" && pathname === "/oauth/discovery/keys") return sendJson(res, 200, state.oidc.jwks());
  const avatarOf = /^\/avatars\/([^/]+)\.svg$/.exec(pathname)?.[1];
  const avatarUser = avatarOf === undefined ? undefined : state.getUser(avatarOf);
  if (avatarUser) return sendText(res, 200, "image/svg+xml", initialsAvatarSvg(avatarUser.name, "#6b4fbb"));
  sendHtml(res, 404, errorPage(`Nothing at ${method} ${pathname}.`));
}

export async function startFakeGitLab(options: FakeGitLabOptions = {}): Promise<FakeGitLab> {
  const { url, state, close } = await serveFake(
    options,
    (baseUrl) => new FakeGitLabState(options, baseUrl),
    route,
    (res, message) => sendJson(res, 500, { message: `500 Internal Server Error (fake GitLab: ${message})` }),
  );
  return {
    url,
    ...state.commonControls(),
    addApplication: (application) => state.addApplication(application),
    revokeGrant: (username, applicationId) => state.revokeGrant(username, applicationId),
    issueTokensDirectly: (input) => state.issueTokensDirectly(input),
    close,
  };
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { initialsAvatarSvg } from "../shared/avatar";
import { CONTROL_PREFIX, handleControlRequest } from "../shared/control-api";
import { sendHtml, sendJson, sendText } from "../shared/http";
import { serveFake } from "../shared/server";
import { handleApiRequest } from "./api";
import { CONTROL_HANDLERS } from "./control-api";
import { handleAuthorizeDecision, handleTokenRequest, showAuthorizePage } from "./oauth";
import { DECISION_PATH, errorPage } from "./pages";
import { FakeBitbucketState } from "./state";
import type { FakeBitbucket, FakeBitbucketOptions } from "./types";

export type * from "./types";

/** One server plays both hosts: bitbucket.org (`/site/oauth2/*`) and api.bitbucket.org (`/2.0/*`). */
async function route(req: IncomingMessage, res: ServerResponse, state: FakeBitbucketState): Promise<void> {
  const url = new URL(req.url ?? "/", state.baseUrl);
  const { pathname } = url;
  const method = req.method ?? "GET";
  if (pathname.startsWith("/2.0/")) return handleApiRequest(req, res, url, state);
  if (pathname.startsWith(CONTROL_PREFIX)) return handleControlRequest(req, res, url, state, CONTROL_HANDLERS);
  if (method === "GET" && pathname === "/site/oauth2/authorize") return showAuthorizePage(res, url, state);
  if (method === "POST" && pathname === DECISION_PATH) return handleAuthorizeDecision(req, res, state);
  if (method === "POST" && pathname === "/site/oauth2/access_token") return handleTokenRequest(req, res, state);
  const avatarOf = /^\/avatars\/([^/]+)\.svg$/.exec(pathname)?.[1];
  const avatarUser = avatarOf === undefined ? undefined : state.getUser(avatarOf);
  if (avatarUser) return sendText(res, 200, "image/svg+xml", initialsAvatarSvg(avatarUser.displayName, "#0052cc"));
  sendHtml(res, 404, errorPage(`Nothing at ${method} ${pathname}.`));
}

export async function startFakeBitbucket(options: FakeBitbucketOptions = {}): Promise<FakeBitbucket> {
  const { url, state, close } = await serveFake(
    options,
    (baseUrl) => new FakeBitbucketState(options, baseUrl),
    route,
    (res, message) => sendJson(res, 500, { type: "error", error: { message: `Fake Bitbucket failed: ${message}` } }),
  );
  return {
    url,
    ...state.commonControls(),
    addConsumer: (consumer) => state.addConsumer(consumer),
    revokeGrant: (userNickname, consumerKey) => state.revokeGrant(userNickname, consumerKey),
    issueTokensDirectly: (parties) => state.issueTokensDirectly(parties),
    addRepositoryFile: (path, bytes) => state.addRepositoryFile(path, bytes),
    downloadsUploads: () => state.downloadsUploads(),
    close,
  };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleApiRequest } from "./api";
import { CONTROL_PREFIX, handleControlRequest } from "./control-api";
import { sendHtml, sendJson, sendText } from "../shared/http";
import { handleAuthorizeDecision, handleTokenRequest, showAuthorizePage } from "./oauth";
import { avatarSvg, DECISION_PATH, errorPage } from "./pages";
import { FakeBitbucketState } from "./state";
import type { FakeBitbucket, FakeBitbucketOptions } from "./types";

export type * from "./types";

/** One server plays both hosts: bitbucket.org (`/site/oauth2/*`) and api.bitbucket.org (`/2.0/*`). */
async function route(req: IncomingMessage, res: ServerResponse, state: FakeBitbucketState): Promise<void> {
  const url = new URL(req.url ?? "/", state.baseUrl);
  const { pathname } = url;
  const method = req.method ?? "GET";
  if (pathname.startsWith("/2.0/")) return handleApiRequest(req, res, url, state);
  if (pathname.startsWith(CONTROL_PREFIX)) return handleControlRequest(req, res, url, state);
  if (method === "GET" && pathname === "/site/oauth2/authorize") return showAuthorizePage(res, url, state);
  if (method === "POST" && pathname === DECISION_PATH) return handleAuthorizeDecision(req, res, state);
  if (method === "POST" && pathname === "/site/oauth2/access_token") return handleTokenRequest(req, res, state);
  const avatarOf = /^\/avatars\/([^/]+)\.svg$/.exec(pathname)?.[1];
  const avatarUser = avatarOf === undefined ? undefined : state.getUser(avatarOf);
  if (avatarUser) return sendText(res, 200, "image/svg+xml", avatarSvg(avatarUser));
  sendHtml(res, 404, errorPage(`Nothing at ${method} ${pathname}.`));
}

/** Wildcard listen addresses are not dialable; tests and browsers reach them on loopback. */
function dialableHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive connections from fetch would otherwise hold close() open.
    server.closeAllConnections();
  });
}

export async function startFakeBitbucket(options: FakeBitbucketOptions = {}): Promise<FakeBitbucket> {
  const server = createServer();
  const host = options.host ?? "127.0.0.1";
  const port = await listen(server, host, options.port ?? 0);
  const url = `http://${dialableHost(host)}:${port}`;
  // The state needs the base URL (for links it returns), so it is built once the port is known.
  let fake: FakeBitbucketState;
  try {
    fake = new FakeBitbucketState(options, url);
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  // Attached synchronously after listening resolved, so no request can arrive without a handler.
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    route(req, res, fake).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      sendJson(res, 500, { type: "error", error: { message: `Fake Bitbucket failed: ${message}` } });
    });
  });

  return {
    url,
    addConsumer: (consumer) => fake.addConsumer(consumer),
    addUser: (user) => fake.addUser(user),
    setCurrentUser: (nickname) => fake.setCurrentUser(nickname),
    updateSettings: (update) => fake.updateSettings(update),
    failNext: (target, response) => fake.failNext(target, response),
    delayNext: (target, ms, times) => fake.delayNext(target, ms, times),
    clearFailures: () => fake.clearFailures(),
    revokeGrant: (userNickname, consumerKey) => fake.revokeGrant(userNickname, consumerKey),
    expireAccessTokens: () => fake.expireAccessTokens(),
    issueTokensDirectly: (parties) => fake.issueTokensDirectly(parties),
    stats: () => fake.stats(),
    resetStats: () => fake.resetStats(),
    lastApiRequest: () => fake.lastApiRequest(),
    reset: () => fake.reset(),
    close: () => closeServer(server),
  };
}

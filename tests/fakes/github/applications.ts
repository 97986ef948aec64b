import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, recordOf, sendInjected } from "../shared/http";
import { basicCredentials } from "../shared/client-auth";
import { NOT_FOUND, refuseWithoutUserAgent, restError, sendRest } from "./rest";
import type { FakeGitHubState } from "./state";

/** `/applications/{client_id}/token` or `/grant`: the OAuth Apps API, authenticated as the app [OAPI]. */
export const APPLICATIONS_PATH = /^\/applications\/([^/]+)\/(token|grant)$/;

const VALIDATION_FAILED = {
  ...restError(422, "Validation Failed"),
  errors: [{ resource: "Token", field: "access_token", code: "missing_field" }],
};

function accessTokenFrom(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    const token = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>).access_token : null;
    return typeof token === "string" && token !== "" ? token : null;
  } catch {
    return null;
  }
}

/**
 * DELETE `/token` revokes that token, DELETE `/grant` the whole authorization, POST `/token` checks one;
 * each with Basic `client_id:client_secret` and a JSON body `{access_token}` [OAPI]. Wrong app
 * credentials and unknown tokens get 404 (GitHub hides what the caller may not see [TR]; unconfirmed).
 */
export async function handleApplicationsRequest(req: IncomingMessage, res: ServerResponse, url: URL, state: FakeGitHubState): Promise<void> {
  const body = await readBody(req);
  const [, clientId = "", kind = ""] = APPLICATIONS_PATH.exec(url.pathname) ?? [];
  const method = req.method ?? "GET";
  state.recordRequest(recordOf(req, url));
  if (method === "DELETE") state.countRevocation(kind === "grant" ? "grant" : "token");
  if (refuseWithoutUserAgent(req, res)) return;

  const failure = await state.injection.next(["revoke"]);
  if (failure) return sendInjected(res, failure, restError(failure.status, "Injected failure"));

  const credentials = basicCredentials(req);
  const application = state.getApplication(decodeURIComponent(clientId));
  if (!application || credentials?.id !== application.clientId || credentials.secret !== application.clientSecret) {
    return sendRest(res, 404, NOT_FOUND);
  }
  const accessToken = accessTokenFrom(body);
  if (accessToken === null) return sendRest(res, 422, VALIDATION_FAILED);

  if (method === "POST" && kind === "token") {
    const auth = state.authenticate(accessToken);
    if (auth.status !== "valid" || auth.grant.clientId !== application.clientId) return sendRest(res, 404, NOT_FOUND);
    const { login, id } = auth.user;
    return sendRest(res, 200, {
      token: accessToken,
      scopes: auth.grant.scopes,
      app: { client_id: application.clientId, name: application.name ?? application.clientId },
      user: { login, id },
    });
  }
  if (method !== "DELETE") return sendRest(res, 404, NOT_FOUND);
  const revoked = kind === "grant" ? state.grants.deleteGrant(application.clientId, accessToken) : state.grants.deleteToken(application.clientId, accessToken);
  sendRest(res, revoked ? 204 : 404, revoked ? null : NOT_FOUND);
}

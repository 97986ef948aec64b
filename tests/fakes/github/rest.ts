import type { IncomingMessage, ServerResponse } from "node:http";
import { sendWithHeaders } from "../shared/http";

const DOCS = "https://docs.github.com/rest";

/** GitHub's REST error body; `status` is a string in it [GUT]. */
export function restError(status: number, message: string, documentationUrl = DOCS): Record<string, string> {
  return { message, documentation_url: documentationUrl, status: String(status) };
}

export const BAD_CREDENTIALS = restError(401, "Bad credentials");
export const NOT_FOUND = restError(404, "Not Found");

/** A JSON answer with extra headers; no body for 204 and 304. */
export function sendRest(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || status === 304) return sendWithHeaders(res, status, headers);
  sendWithHeaders(res, status, { ...headers, "Content-Type": "application/json; charset=utf-8" }, JSON.stringify(body));
}

/** Requests without a User-Agent are refused before anything else, as plain text [TR]. */
export function refuseWithoutUserAgent(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.headers["user-agent"]) return false;
  const message =
    "Request forbidden by administrative rules. Please make sure your request has a User-Agent header " +
    "(https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). " +
    "Check https://developer.github.com for other possible causes.\n";
  sendWithHeaders(res, 403, { "Content-Type": "text/plain; charset=utf-8" }, message);
  return true;
}

/** `Authorization: Bearer T` as documented [AOA]; GitHub also takes its older `token T` scheme. */
export function accessTokenOf(req: IncomingMessage): string | null {
  const match = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return match?.[1] ?? null;
}

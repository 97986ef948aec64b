import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { readBody, sendJson } from "../shared/http";
import type { FakeBitbucketState } from "./state";
import {
  consumerSchema,
  grantPartiesSchema,
  injectedResponseSchema,
  injectionTargetSchema,
  settingsUpdateSchema,
  userInputSchema,
} from "./types";

export const CONTROL_PREFIX = "/__control/";

const failNextSchema = injectedResponseSchema.extend({ target: injectionTargetSchema });
const delayNextSchema = z.object({
  target: injectionTargetSchema,
  ms: z.number().nonnegative(),
  times: z.number().int().positive().optional(),
});

type ControlHandler = (state: FakeBitbucketState, body: unknown) => unknown;

/** Keyed by `METHOD name`; each mirrors the method of the same purpose on FakeBitbucketControls. */
const HANDLERS: Readonly<Record<string, ControlHandler>> = {
  "POST consumers": (state, body) => state.addConsumer(consumerSchema.parse(body)),
  "POST users": (state, body) => state.addUser(userInputSchema.parse(body)),
  "POST settings": (state, body) => state.updateSettings(settingsUpdateSchema.parse(body)),
  "POST fail-next": (state, body) => {
    const { target, ...response } = failNextSchema.parse(body);
    state.failNext(target, response);
  },
  "POST delay-next": (state, body) => {
    const { target, ms, times } = delayNextSchema.parse(body);
    state.delayNext(target, ms, times);
  },
  "POST clear-failures": (state) => state.clearFailures(),
  "POST revoke-grant": (state, body) => {
    const { userNickname, consumerKey } = grantPartiesSchema.parse(body);
    state.revokeGrant(userNickname, consumerKey);
  },
  "POST expire-access-tokens": (state) => state.expireAccessTokens(),
  "POST issue-tokens": (state, body) => state.issueTokensDirectly(grantPartiesSchema.parse(body)),
  "GET stats": (state) => state.stats(),
  "POST reset-stats": (state) => state.resetStats(),
  "GET last-api-request": (state) => state.lastApiRequest(),
  "POST reset": (state) => state.reset(),
};

function parseJson(text: string): unknown {
  return text.trim() === "" ? {} : JSON.parse(text);
}

function describeError(error: unknown): string {
  if (error instanceof z.ZodError) return z.prettifyError(error);
  return error instanceof Error ? error.message : String(error);
}

/** Answers the handler's result as JSON, or `{"ok":true}` for commands that return nothing. */
export async function handleControlRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: FakeBitbucketState,
): Promise<void> {
  const name = url.pathname.slice(CONTROL_PREFIX.length);
  const handler = HANDLERS[`${req.method ?? "GET"} ${name}`];
  if (!handler) return sendJson(res, 404, { error: `No control endpoint ${req.method} ${url.pathname}` });
  try {
    const result = handler(state, parseJson(await readBody(req)));
    sendJson(res, 200, result ?? { ok: true });
  } catch (error) {
    sendJson(res, 400, { error: describeError(error) });
  }
}

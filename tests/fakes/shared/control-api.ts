import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { readBody, sendJson } from "../shared/http";

export const CONTROL_PREFIX = "/__control/";

/** Validates its body with zod and calls the fake's control method of the same purpose. */
export type ControlHandler<State> = (state: State, body: unknown) => unknown;

function parseJson(text: string): unknown {
  return text.trim() === "" ? {} : JSON.parse(text);
}

function describeError(error: unknown): string {
  if (error instanceof z.ZodError) return z.prettifyError(error);
  return error instanceof Error ? error.message : String(error);
}

/**
 * Dispatches `/__control/<name>` to the handler keyed `METHOD name`; answers its result as JSON, or
 * `{"ok":true}` for commands that return nothing, and 400 with a readable message when it throws.
 */
export async function handleControlRequest<State>(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: State,
  handlers: Readonly<Record<string, ControlHandler<State>>>,
): Promise<void> {
  const name = url.pathname.slice(CONTROL_PREFIX.length);
  const handler = handlers[`${req.method ?? "GET"} ${name}`];
  if (!handler) return sendJson(res, 404, { error: `No control endpoint ${req.method} ${url.pathname}` });
  try {
    const result = handler(state, parseJson(await readBody(req)));
    // A handler's null (e.g. no request recorded yet) is an answer; only undefined means "a command".
    sendJson(res, 200, result === undefined ? { ok: true } : result);
  } catch (error) {
    sendJson(res, 400, { error: describeError(error) });
  }
}

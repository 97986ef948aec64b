import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { readBody, sendJson } from "./http";
import { injectedResponseSchema } from "./injection";
import type { BaseStats, CommonControls } from "./types";

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

/** The zod schemas of one provider's control inputs that the common handlers need. */
export interface CommonControlSchemas<Target extends string, SettingsUpdate, UserInput> {
  injectionTargetSchema: z.ZodType<Target>;
  settingsUpdateSchema: z.ZodType<SettingsUpdate>;
  userInputSchema: z.ZodType<UserInput>;
}

/**
 * The `/__control/` endpoints for CommonControls, keyed `METHOD name`; each provider adds its client
 * registration, `revoke-grant` and `issue-tokens`, whose bodies name the parties as it does.
 */
export function commonControlHandlers<Target extends string, SettingsUpdate, UserInput>({
  injectionTargetSchema,
  settingsUpdateSchema,
  userInputSchema,
}: CommonControlSchemas<Target, SettingsUpdate, UserInput>): Record<
  string,
  ControlHandler<CommonControls<Target, SettingsUpdate, UserInput, unknown, BaseStats>>
> {
  const failNextSchema = injectedResponseSchema.extend({ target: injectionTargetSchema });
  const delayNextSchema = z.object({
    target: injectionTargetSchema,
    ms: z.number().nonnegative(),
    times: z.number().int().positive().optional(),
  });
  return {
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
    "POST expire-access-tokens": (state) => state.expireAccessTokens(),
    "GET stats": (state) => state.stats(),
    "POST reset-stats": (state) => state.resetStats(),
    "GET last-api-request": (state) => state.lastApiRequest(),
    "POST reset": (state) => state.reset(),
  };
}

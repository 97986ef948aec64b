import { z } from "zod";
import type { ControlHandler } from "../shared/control-api";
import type { FakeGitLabState } from "./state";
import {
  applicationSchema,
  grantPartiesSchema,
  injectedResponseSchema,
  injectionTargetSchema,
  issueTokensSchema,
  settingsUpdateSchema,
  userInputSchema,
} from "./types";

const failNextSchema = injectedResponseSchema.extend({ target: injectionTargetSchema });
const delayNextSchema = z.object({
  target: injectionTargetSchema,
  ms: z.number().nonnegative(),
  times: z.number().int().positive().optional(),
});

/** `/__control/` endpoints, keyed `METHOD name`; each mirrors the method of the same purpose on FakeGitLabControls. */
export const CONTROL_HANDLERS: Readonly<Record<string, ControlHandler<FakeGitLabState>>> = {
  "POST applications": (state, body) => state.addApplication(applicationSchema.parse(body)),
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
    const { username, applicationId } = grantPartiesSchema.parse(body);
    state.revokeGrant(username, applicationId);
  },
  "POST expire-access-tokens": (state) => state.expireAccessTokens(),
  "POST issue-tokens": (state, body) => state.issueTokensDirectly(issueTokensSchema.parse(body)),
  "GET stats": (state) => state.stats(),
  "POST reset-stats": (state) => state.resetStats(),
  "GET last-api-request": (state) => state.lastApiRequest(),
  "POST reset": (state) => state.reset(),
};

import { commonControlHandlers, type ControlHandler } from "../shared/control-api";
import type { FakeGitLabState } from "./state";
import { applicationSchema, grantPartiesSchema, injectionTargetSchema, issueTokensSchema, settingsUpdateSchema, userInputSchema } from "./types";

/** `/__control/` endpoints, keyed `METHOD name`; each mirrors the method of the same purpose on FakeGitLabControls. */
export const CONTROL_HANDLERS: Readonly<Record<string, ControlHandler<FakeGitLabState>>> = {
  ...commonControlHandlers({ injectionTargetSchema, settingsUpdateSchema, userInputSchema }),
  "POST applications": (state, body) => state.addApplication(applicationSchema.parse(body)),
  "POST revoke-grant": (state, body) => {
    const { username, applicationId } = grantPartiesSchema.parse(body);
    state.revokeGrant(username, applicationId);
  },
  "POST issue-tokens": (state, body) => state.issueTokensDirectly(issueTokensSchema.parse(body)),
};

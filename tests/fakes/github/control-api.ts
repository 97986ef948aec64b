import { commonControlHandlers, type ControlHandler } from "../shared/control-api";
import type { FakeGitHubState } from "./state";
import { applicationSchema, directIssueSchema, grantPartiesSchema, injectionTargetSchema, settingsUpdateSchema, userInputSchema } from "./types";

/** `/__control/` endpoints, keyed `METHOD name`; each mirrors the method of the same purpose on FakeGitHubControls. */
export const CONTROL_HANDLERS: Readonly<Record<string, ControlHandler<FakeGitHubState>>> = {
  ...commonControlHandlers({ injectionTargetSchema, settingsUpdateSchema, userInputSchema }),
  "POST applications": (state, body) => state.addApplication(applicationSchema.parse(body)),
  "POST revoke-grant": (state, body) => {
    const { login, clientId } = grantPartiesSchema.parse(body);
    state.revokeGrant(login, clientId);
  },
  "POST issue-tokens": (state, body) => state.issueTokensDirectly(directIssueSchema.parse(body)),
};

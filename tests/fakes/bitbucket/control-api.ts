import { commonControlHandlers, type ControlHandler } from "../shared/control-api";
import type { FakeBitbucketState } from "./state";
import { consumerSchema, grantPartiesSchema, injectionTargetSchema, settingsUpdateSchema, userInputSchema } from "./types";

/** `/__control/` endpoints, keyed `METHOD name`; each mirrors the method of the same purpose on FakeBitbucketControls. */
export const CONTROL_HANDLERS: Readonly<Record<string, ControlHandler<FakeBitbucketState>>> = {
  ...commonControlHandlers({ injectionTargetSchema, settingsUpdateSchema, userInputSchema }),
  "POST consumers": (state, body) => state.addConsumer(consumerSchema.parse(body)),
  "POST revoke-grant": (state, body) => {
    const { userNickname, consumerKey } = grantPartiesSchema.parse(body);
    state.revokeGrant(userNickname, consumerKey);
  },
  "POST issue-tokens": (state, body) => state.issueTokensDirectly(grantPartiesSchema.parse(body)),
};

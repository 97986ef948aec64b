import { commonControlHandlers, type ControlHandler } from "../shared/control-api";
import { z } from "zod";
import type { FakeBitbucketState } from "./state";
import { consumerSchema, grantPartiesSchema, injectionTargetSchema, settingsUpdateSchema, userInputSchema } from "./types";

const repositoryFileSchema = z.object({ path: z.string().min(1), bytes: z.number().int().nonnegative() });

/** `/__control/` endpoints, keyed `METHOD name`; each mirrors the method of the same purpose on FakeBitbucketControls. */
export const CONTROL_HANDLERS: Readonly<Record<string, ControlHandler<FakeBitbucketState>>> = {
  ...commonControlHandlers({ injectionTargetSchema, settingsUpdateSchema, userInputSchema }),
  "POST consumers": (state, body) => state.addConsumer(consumerSchema.parse(body)),
  "POST revoke-grant": (state, body) => {
    const { userNickname, consumerKey } = grantPartiesSchema.parse(body);
    state.revokeGrant(userNickname, consumerKey);
  },
  "POST issue-tokens": (state, body) => state.issueTokensDirectly(grantPartiesSchema.parse(body)),
  "POST repository-files": (state, body) => {
    const { path, bytes } = repositoryFileSchema.parse(body);
    state.addRepositoryFile(path, bytes);
  },
  "GET uploads": (state) => state.downloadsUploads(),
};

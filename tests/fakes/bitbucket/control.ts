import { commonControlCalls, controlCalls, type Async } from "../shared/control";
import type { RecordedUpload } from "./files";
import type { FakeBitbucketControls, FakeBitbucketSettingsUpdate, FakeBitbucketStats, FakeUser, FakeUserInput, InjectionTarget, IssuedTokens } from "./types";

export type * from "./types";

/** The fake's test controls, driven over HTTP for a fake running in another process (browser e2e). */
export type FakeBitbucketControl = Async<FakeBitbucketControls>;

export function fakeBitbucketControl(baseUrl: string): FakeBitbucketControl {
  const calls = controlCalls(baseUrl, "Bitbucket");
  return {
    ...commonControlCalls<InjectionTarget, FakeBitbucketSettingsUpdate, FakeUserInput, FakeUser, FakeBitbucketStats>(calls),
    addConsumer: (consumer) => calls.command("consumers", consumer),
    revokeGrant: (userNickname, consumerKey) => calls.command("revoke-grant", { userNickname, consumerKey }),
    issueTokensDirectly: (parties) => calls.call<IssuedTokens>("POST", "issue-tokens", parties),
    addRepositoryFile: (path, bytes) => calls.command("repository-files", { path, bytes }),
    downloadsUploads: () => calls.call<RecordedUpload[]>("GET", "uploads"),
  };
}

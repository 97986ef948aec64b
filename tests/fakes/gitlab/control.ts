import { commonControlCalls, controlCalls, type Async } from "../shared/control";
import type {
  FakeGitLabControls,
  FakeGitLabSettingsUpdate,
  FakeGitLabStats,
  FakeGitLabUser,
  FakeGitLabUserInput,
  InjectionTarget,
  IssuedTokens,
} from "./types";

export type * from "./types";

/** The fake's test controls, driven over HTTP for a fake running in another process (browser e2e). */
export type FakeGitLabControl = Async<FakeGitLabControls>;

export function fakeGitLabControl(baseUrl: string): FakeGitLabControl {
  const calls = controlCalls(baseUrl, "GitLab");
  return {
    ...commonControlCalls<InjectionTarget, FakeGitLabSettingsUpdate, FakeGitLabUserInput, FakeGitLabUser, FakeGitLabStats>(calls),
    addApplication: (application) => calls.command("applications", application),
    revokeGrant: (username, applicationId) => calls.command("revoke-grant", { username, applicationId }),
    issueTokensDirectly: (input) => calls.call<IssuedTokens>("POST", "issue-tokens", input),
  };
}

import { commonControlCalls, controlCalls, type Async } from "../shared/control";
import type { FakeGitHubControls, FakeGitHubSettingsUpdate, FakeGitHubStats, FakeUser, FakeUserInput, InjectionTarget, IssuedTokens } from "./types";

export type * from "./types";

/** The fake's test controls, driven over HTTP for a fake running in another process (browser e2e). */
export type FakeGitHubControl = Async<FakeGitHubControls>;

export function fakeGitHubControl(baseUrl: string): FakeGitHubControl {
  const calls = controlCalls(baseUrl, "GitHub");
  return {
    ...commonControlCalls<InjectionTarget, FakeGitHubSettingsUpdate, FakeUserInput, FakeUser, FakeGitHubStats>(calls),
    addApplication: (application) => calls.command("applications", application),
    revokeGrant: (login, clientId) => calls.command("revoke-grant", { login, clientId }),
    issueTokensDirectly: (issue) => calls.call<IssuedTokens>("POST", "issue-tokens", issue),
  };
}

import type { FakeGitLabControls, FakeGitLabStats, FakeGitLabUser, IssuedTokens, RecordedApiRequest } from "./types";

export type * from "./types";

type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

/** The fake's test controls, driven over HTTP for a fake running in another process (browser e2e). */
export type FakeGitLabControl = Async<FakeGitLabControls>;

export function fakeGitLabControl(baseUrl: string): FakeGitLabControl {
  async function call<T>(method: "GET" | "POST", name: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(`/__control/${name}`, baseUrl), {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`fake GitLab control ${name} failed (${response.status}): ${await response.text()}`);
    }
    return (await response.json()) as T;
  }
  const command = async (name: string, body?: unknown): Promise<void> => {
    await call<unknown>("POST", name, body);
  };

  return {
    addApplication: (application) => command("applications", application),
    addUser: (user) => call<FakeGitLabUser>("POST", "users", user),
    setCurrentUser: (username) => command("settings", { currentUser: username }),
    updateSettings: (update) => command("settings", update),
    failNext: (target, response) => command("fail-next", { ...response, target }),
    delayNext: (target, ms, times) => command("delay-next", { target, ms, times }),
    clearFailures: () => command("clear-failures"),
    revokeGrant: (username, applicationId) => command("revoke-grant", { username, applicationId }),
    expireAccessTokens: () => command("expire-access-tokens"),
    issueTokensDirectly: (input) => call<IssuedTokens>("POST", "issue-tokens", input),
    stats: () => call<FakeGitLabStats>("GET", "stats"),
    resetStats: () => command("reset-stats"),
    lastApiRequest: () => call<RecordedApiRequest | null>("GET", "last-api-request"),
    reset: () => command("reset"),
  };
}

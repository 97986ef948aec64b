import type { BaseStats, CommonControls } from "./types";

/** The same methods, each returning a promise: a fake's controls driven over HTTP. */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

export interface ControlCalls {
  /** Calls `/__control/<name>` and returns its JSON answer; throws with the answer's text unless 2xx. */
  call: <T>(method: "GET" | "POST", name: string, body?: unknown) => Promise<T>;
  /** A POST whose answer (`{"ok":true}`) is of no interest. */
  command: (name: string, body?: unknown) => Promise<void>;
}

/** HTTP access to the `/__control/` API of a fake running in another process (browser e2e); `provider` names it in errors. */
export function controlCalls(baseUrl: string, provider: string): ControlCalls {
  async function call<T>(method: "GET" | "POST", name: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(`/__control/${name}`, baseUrl), {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`fake ${provider} control ${name} failed (${response.status}): ${await response.text()}`);
    }
    return (await response.json()) as T;
  }
  return {
    call,
    command: async (name, body) => {
      await call<unknown>("POST", name, body);
    },
  };
}

/** CommonControls over HTTP; each provider's client adds its client registration, revokeGrant and issueTokensDirectly. */
export function commonControlCalls<Target extends string, SettingsUpdate, UserInput, User, Stats extends BaseStats>({
  call,
  command,
}: ControlCalls): Async<CommonControls<Target, SettingsUpdate, UserInput, User, Stats>> {
  return {
    addUser: (user) => call<User>("POST", "users", user),
    setCurrentUser: (key) => command("settings", { currentUser: key }),
    updateSettings: (update) => command("settings", update),
    failNext: (target, response) => command("fail-next", { ...response, target }),
    delayNext: (target, ms, times) => command("delay-next", { target, ms, times }),
    clearFailures: () => command("clear-failures"),
    expireAccessTokens: () => command("expire-access-tokens"),
    stats: () => call<Stats>("GET", "stats"),
    resetStats: () => command("reset-stats"),
    lastApiRequest: () => call("GET", "last-api-request"),
    reset: () => command("reset"),
  };
}

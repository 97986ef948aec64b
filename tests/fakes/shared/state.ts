import { z } from "zod";
import { FailureInjection, type InjectedResponse } from "./injection";
import type { BaseStats, CommonControls, RecordedApiRequest } from "./types";

/** How one provider's fake fills in the bookkeeping every fake shares. */
export interface ProviderProfile<Settings extends object, User, UserInput, Stats extends BaseStats> {
  /** As in "The fake GitLab needs at least one user". */
  name: string;
  settingsSchema: z.ZodType<Settings>;
  defaultSettings: Settings;
  defaultUsers: readonly UserInput[];
  /** Fills in a user's defaults; `index` is the count of users before it, for generated ids. */
  completeUser(input: UserInput, baseUrl: string, index: number): User;
  /** The nickname, username or login users are looked up by. */
  userKey(user: User): string;
  emptyStats(): Stats;
}

export type InitialOptions<Settings extends object, UserInput> = Partial<Settings> & {
  users?: UserInput[];
  currentUser?: string;
};

/** Builds a fake's `updateSettings` schema: any settings plus the preselected user, nothing else. */
export function settingsUpdateSchemaFor<Shape extends z.ZodRawShape>(settingsSchema: z.ZodObject<Shape>) {
  return settingsSchema
    .partial()
    .extend({ currentUser: z.string().min(1).optional() })
    .strict();
}

/**
 * What every fake remembers besides its OAuth records: settings, users and who is signed in,
 * injected failures, counts and the last API request. Each provider's state extends it with its
 * clients, grants and tokens, and its reset() calls resetCommon() first.
 */
export abstract class FakeProviderState<Settings extends object, User, UserInput, Target extends string, Stats extends BaseStats> {
  settings: Settings;
  readonly injection = new FailureInjection<Target>();
  /** Insertion-ordered: the first user is the one signed in by default. */
  private users = new Map<string, User>();
  private currentUserKey = "";
  protected counters: Stats;
  private lastApiRequestSeen: RecordedApiRequest | null = null;

  protected constructor(
    private readonly profile: ProviderProfile<Settings, User, UserInput, Stats>,
    private readonly initial: InitialOptions<Settings, UserInput>,
    readonly baseUrl: string,
  ) {
    this.settings = profile.defaultSettings;
    this.counters = profile.emptyStats();
  }

  abstract reset(): void;
  abstract expireAccessTokens(): void;

  /** The common controls bound to this state, for the object a fake's start function returns. */
  commonControls(): CommonControls<Target, Partial<Settings> & { currentUser?: string }, UserInput, User, Stats> {
    return {
      addUser: (user) => this.addUser(user),
      setCurrentUser: (key) => this.setCurrentUser(key),
      updateSettings: (update) => this.updateSettings(update),
      failNext: (target, response) => this.failNext(target, response),
      delayNext: (target, ms, times) => this.delayNext(target, ms, times),
      clearFailures: () => this.clearFailures(),
      expireAccessTokens: () => this.expireAccessTokens(),
      stats: () => this.stats(),
      resetStats: () => this.resetStats(),
      lastApiRequest: () => this.lastApiRequest(),
      reset: () => this.reset(),
    };
  }

  protected resetCommon(): void {
    const { settingsSchema, defaultSettings, defaultUsers, name } = this.profile;
    this.settings = settingsSchema.parse({ ...defaultSettings, ...this.definedSettings(this.initial) });
    this.users = new Map();
    for (const user of this.initial.users ?? defaultUsers) this.addUser(user);
    const firstUser = this.users.keys().next().value;
    if (firstUser === undefined) throw new Error(`The fake ${name} needs at least one user`);
    this.currentUserKey = firstUser;
    if (this.initial.currentUser !== undefined) this.setCurrentUser(this.initial.currentUser);
    this.clearFailures();
    this.resetStats();
    this.lastApiRequestSeen = null;
  }

  addUser(input: UserInput): User {
    const user = this.profile.completeUser(input, this.baseUrl, this.users.size);
    this.users.set(this.profile.userKey(user), user);
    return user;
  }

  setCurrentUser(key: string): void {
    this.requireUser(key);
    this.currentUserKey = key;
  }

  updateSettings(update: Partial<Settings> & { currentUser?: string }): void {
    const settings = this.profile.settingsSchema.parse({ ...this.settings, ...this.definedSettings(update) });
    if (update.currentUser !== undefined) this.setCurrentUser(update.currentUser);
    this.settings = settings;
  }

  failNext(target: Target, response: InjectedResponse): void {
    this.injection.failNext(target, response);
  }

  delayNext(target: Target, ms: number, times = 1): void {
    this.injection.delayNext(target, ms, times);
  }

  clearFailures(): void {
    this.injection.clear();
  }

  stats(): Stats {
    return structuredClone(this.counters);
  }

  resetStats(): void {
    this.counters = this.profile.emptyStats();
  }

  getUser(key: string): User | undefined {
    return this.users.get(key);
  }

  listUsers(): User[] {
    return [...this.users.values()];
  }

  currentUser(): User {
    return this.requireUser(this.currentUserKey);
  }

  countTokenRequest(grantType: string | null): void {
    this.counters.tokenRequests.total += 1;
    if (grantType === "authorization_code" || grantType === "refresh_token") {
      this.counters.tokenRequests[grantType] += 1;
    }
  }

  /** Counts an API request and remembers it for lastApiRequest(). */
  countApiRequest(request: RecordedApiRequest): void {
    this.counters.apiRequests += 1;
    this.recordRequest(request);
  }

  /** Remembers a request for lastApiRequest() without counting it (GitHub's `/applications/*`). */
  recordRequest(request: RecordedApiRequest): void {
    this.lastApiRequestSeen = request;
  }

  lastApiRequest(): RecordedApiRequest | null {
    return structuredClone(this.lastApiRequestSeen);
  }

  protected requireUser(key: string): User {
    const user = this.users.get(key);
    if (!user) throw new Error(`Unknown user ${key}`);
    return user;
  }

  /** Only the settings keys given a value, so absent options keep their current value. */
  private definedSettings(source: Partial<Settings>): Partial<Settings> {
    const keys = Object.keys(this.profile.defaultSettings) as (keyof Settings)[];
    return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]])) as Partial<Settings>;
  }
}

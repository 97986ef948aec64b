// Configuration, parsed once per process from the environment.
import "server-only";
import { loadConfig, type Config } from "./load";

export type { Config } from "./load";
export { ConfigError } from "./load";
export type { KeyRing } from "./key-ring";
export { databaseKind, sqliteFilePath } from "./database-url";

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= loadConfig(process.env);
  return cached;
}

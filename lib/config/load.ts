import { z } from "zod";
import { databaseKind, type DatabaseKind } from "./database-url";
import { parseKeyRing, type KeyRing } from "./key-ring";
import { environmentSchema, isDeployment, providerHostsSchema } from "./schema";
import { readOrCreateLocalSecrets } from "./local-secrets";

export type Config = {
  nodeEnv: "development" | "production" | "test";
  databaseUrl: string;
  databaseKind: DatabaseKind;
  port: number;
  /** Public base URL without a trailing slash; redirect URIs are built from it. */
  appUrl: string;
  signupMode: "invite" | "open";
  refreshMarginSeconds: number;
  providerTimeoutMs: number;
  backgroundRefresh: "inline" | "off";
  keyRing: KeyRing;
  authSecret: string;
  /** Absolute lifetime of a portal session, in hours. */
  sessionMaxAgeHours: number;
  /** Proxies in front that append to X-Forwarded-For (0: trust only the socket). */
  trustProxyHops: number;
  /** Requests per minute per API key in this process; 0: no limit. */
  apiRateLimitPerMinute: number;
  proxyMaxBodyBytes: number;
  /** The longest Retry-After, in seconds, the proxy waits out itself. */
  proxyMaxRetryWaitSeconds: number;
  /** Days of proxied calls the request log keeps. */
  requestLogRetentionDays: number;
  webhookTimeoutMs: number;
  /** Webhook endpoints may be private, loopback or link-local addresses (development). */
  webhookAllowPrivateNetworks: boolean;
  /** The provider host overrides (the variables provider data names), validated; unset ones absent. */
  environment: Readonly<Record<string, string | undefined>>;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  ${issue.path.join(".") || "(environment)"}: ${issue.message}`).join("\n");
}

export function loadConfig(
  rawEnvironment: Record<string, string | undefined>,
  warn: (message: string) => void = (message) => console.warn(`[latchkey] ${message}`),
): Config {
  const parsed = environmentSchema.safeParse(rawEnvironment);
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${describeIssues(parsed.error)}`);
  const env = parsed.data;
  const hosts = providerHostsSchema.safeParse(rawEnvironment);
  if (!hosts.success) throw new ConfigError(`Invalid configuration:\n${describeIssues(hosts.error)}`);

  let encryptionKeys = env.LATCHKEY_ENCRYPTION_KEYS;
  let authSecret = env.LATCHKEY_AUTH_SECRET;
  if (!encryptionKeys || !authSecret) {
    if (isDeployment(env)) {
      const missing = [!encryptionKeys && "LATCHKEY_ENCRYPTION_KEYS", !authSecret && "LATCHKEY_AUTH_SECRET"].filter(Boolean);
      throw new ConfigError(
        `Invalid configuration:\n  ${missing.join(", ")}: required with PostgreSQL; keys are generated only for the embedded SQLite default`,
      );
    }
    const local = readOrCreateLocalSecrets(env.LATCHKEY_DATA_DIR, warn);
    encryptionKeys ??= local.encryptionKeys;
    authSecret ??= local.authSecret;
  }

  let keyRing: KeyRing;
  try {
    keyRing = parseKeyRing(encryptionKeys);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  LATCHKEY_ENCRYPTION_KEYS: ${(error as Error).message}`);
  }

  return {
    nodeEnv: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    databaseKind: databaseKind(env.DATABASE_URL),
    port: env.PORT,
    appUrl: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    signupMode: env.SIGNUP_MODE,
    refreshMarginSeconds: env.TOKEN_REFRESH_MARGIN_SECONDS,
    providerTimeoutMs: env.PROVIDER_TIMEOUT_MS,
    backgroundRefresh: env.BACKGROUND_REFRESH,
    keyRing,
    authSecret,
    sessionMaxAgeHours: env.SESSION_MAX_AGE_HOURS,
    trustProxyHops: env.TRUST_PROXY_HOPS,
    apiRateLimitPerMinute: env.API_RATE_LIMIT_PER_MINUTE,
    proxyMaxBodyBytes: env.PROXY_MAX_BODY_BYTES,
    proxyMaxRetryWaitSeconds: env.PROXY_MAX_RETRY_WAIT_SECONDS,
    requestLogRetentionDays: env.REQUEST_LOG_RETENTION_DAYS,
    webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
    webhookAllowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS === "true",
    environment: hosts.data,
  };
}

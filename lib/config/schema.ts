// The environment, described once. Every variable Latchkey reads is here, with
// its default and the words an operator sees when it is wrong.
import { z } from "zod";
import { providerHostVariables } from "../providers";
import { DEFAULT_DATABASE_URL, databaseKind } from "./database-url";

const port = z.coerce.number().int().min(1).max(65535);

const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"];

/** A provider base URL: https, or plain http to a loopback host (the fakes, the offline demo). */
const providerBaseUrl = z.url({ protocol: /^https?$/ }).refine((url) => {
  // zod runs this check on a value the URL check refused too.
  const parsed = URL.parse(url);
  return !parsed || parsed.protocol === "https:" || LOOPBACK_HOSTS.includes(parsed.hostname);
}, "must be https:// (http:// only on a loopback host)");

/** One optional override per host variable the provider declarations name (BITBUCKET_AUTH_BASE_URL, GITLAB_BASE_URL, ...). */
export const providerHostsSchema = z.object(Object.fromEntries(providerHostVariables.map((name) => [name, providerBaseUrl.optional()])));

export const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), "must start with file: (SQLite) or postgresql:// (PostgreSQL)"),
  PORT: port.default(3000),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  SIGNUP_MODE: z.enum(["invite", "open"]).default("invite"),
  TOKEN_REFRESH_MARGIN_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** How long the vault waits for the provider before calling it down. */
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** `inline` runs the background refresher inside the web server; `off` leaves it to `npm run worker`. */
  BACKGROUND_REFRESH: z.enum(["inline", "off"]).default("inline"),
  /** Comma-separated `v<N>:<base64 of 32 bytes>`; the highest version seals, every listed key opens. */
  LATCHKEY_ENCRYPTION_KEYS: z.string().min(1).optional(),
  LATCHKEY_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Where the embedded default keeps generated keys. */
  LATCHKEY_DATA_DIR: z.string().default("data"),
  /** Absolute lifetime of a portal session from sign-in; using the portal does not extend it. */
  SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  /** How many proxies in front append to X-Forwarded-For; 0 means the socket's address is the client's. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Requests per minute per API key in each instance (a burst up to it passes); 0 turns the limit off. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100_000_000).default(6000),
  /** The largest request body the proxy passes on to a provider. */
  PROXY_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** The longest Retry-After the proxy waits out before asking again; a longer one is handed to the caller. */
  PROXY_MAX_RETRY_WAIT_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  /** How many days of proxied calls the request log keeps; older ones are pruned by the background worker. */
  REQUEST_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** How long a webhook receiver has to answer one attempt before it counts as failed. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** `true` lets webhook endpoints be http://localhost or any private address: for development only. */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: z.enum(["true", "false"]).default("false"),
});

export type Environment = z.infer<typeof environmentSchema>;

export function isDeployment(environment: Pick<Environment, "DATABASE_URL">): boolean {
  return databaseKind(environment.DATABASE_URL) === "postgresql";
}

// What both benchmarks share: the server's environment in a fresh work
// folder, waiting for a server to answer, and the median of rounds.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { generateKeyRingEntry } from "../../lib/config/key-ring";

// The per API key rate limit stays on, as in production, with a limit a run cannot reach:
// the figures include the limiter's cost, and no request is refused by it.
export const RATE_LIMIT_PER_MINUTE = 100_000_000;

/**
 * Sets this process's environment for a benchmark server on `port` (children inherit it):
 * a fresh SQLite file unless DATABASE_URL names PostgreSQL, fresh keys, no background
 * refresher, the bare route on. Returns the work folder, to delete afterwards.
 */
export function benchEnvironment(port: number, extra: Record<string, string> = {}): string {
  const workDir = mkdtempSync(path.join(tmpdir(), "latchkey-bench-"));
  Object.assign(process.env, {
    DATABASE_URL: process.env.DATABASE_URL ?? `file:${path.join(workDir, "bench.db")}`,
    LATCHKEY_ENCRYPTION_KEYS: generateKeyRingEntry(1),
    LATCHKEY_AUTH_SECRET: randomBytes(32).toString("base64url"),
    LATCHKEY_DATA_DIR: workDir,
    APP_URL: `http://127.0.0.1:${port}`,
    BACKGROUND_REFRESH: "off",
    API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE),
    PORT: String(port),
    LATCHKEY_BENCHMARK: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    ...extra,
  });
  return workDir;
}

export async function waitForHealth(url: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

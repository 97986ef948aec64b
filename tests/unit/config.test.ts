import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { generateKeyRingEntry } from "@/lib/config/key-ring";
import { ConfigError, loadConfig } from "@/lib/config/load";

const keys = { LATCHKEY_ENCRYPTION_KEYS: generateKeyRingEntry(1), LATCHKEY_AUTH_SECRET: "x".repeat(40) };

describe("configuration", () => {
  test("defaults: SQLite under data/, port 3000, invite-only sign-up, 300 s refresh margin, no proxy trusted, 6000 API calls a minute per key", () => {
    const config = loadConfig({ ...keys });
    expect(config.databaseUrl).toBe("file:./data/latchkey.db");
    expect(config.databaseKind).toBe("sqlite");
    expect(config.port).toBe(3000);
    expect(config.appUrl).toBe("http://localhost:3000");
    expect(config.signupMode).toBe("invite");
    expect(config.refreshMarginSeconds).toBe(300);
    expect(config.trustProxyHops).toBe(0);
    expect(config.sessionMaxAgeHours).toBe(12);
    expect(config.apiRateLimitPerMinute).toBe(6000);
  });

  test("APP_URL defaults to the configured port and loses its trailing slash", () => {
    expect(loadConfig({ ...keys, PORT: "4123" }).appUrl).toBe("http://localhost:4123");
    expect(loadConfig({ ...keys, APP_URL: "https://vault.example.com/" }).appUrl).toBe("https://vault.example.com");
  });

  test.each([
    ["PORT", "seventy"],
    ["SIGNUP_MODE", "everyone"],
    ["APP_URL", "not a url"],
    ["DATABASE_URL", "mysql://localhost/x"],
    ["TOKEN_REFRESH_MARGIN_SECONDS", "-5"],
    ["TRUST_PROXY_HOPS", "-1"],
    ["SESSION_MAX_AGE_HOURS", "0"],
    ["API_RATE_LIMIT_PER_MINUTE", "1.5"],
  ])("a wrong %s is refused with the variable named", (name, value) => {
    expect(() => loadConfig({ ...keys, [name]: value })).toThrow(new RegExp(name));
  });

  test("every provider host variable the declarations name is parsed: https, or http on a loopback host only", () => {
    const config = loadConfig({
      ...keys,
      GITLAB_BASE_URL: "https://gitlab.example.com",
      GITHUB_API_BASE_URL: "http://127.0.0.1:4030",
      UNRELATED_VARIABLE: "x",
    });
    expect(config.environment).toEqual({ GITLAB_BASE_URL: "https://gitlab.example.com", GITHUB_API_BASE_URL: "http://127.0.0.1:4030" });
    for (const name of ["BITBUCKET_AUTH_BASE_URL", "BITBUCKET_API_BASE_URL", "GITLAB_BASE_URL", "GITHUB_AUTH_BASE_URL", "GITHUB_API_BASE_URL"]) {
      expect(() => loadConfig({ ...keys, [name]: "http://gitlab.example.com" })).toThrow(new RegExp(`${name}: must be https://`));
      expect(() => loadConfig({ ...keys, [name]: "not a url" })).toThrow(new RegExp(name));
    }
  });

  test("a malformed key ring is refused with the variable named", () => {
    expect(() => loadConfig({ ...keys, LATCHKEY_ENCRYPTION_KEYS: "v1:short" })).toThrow(/LATCHKEY_ENCRYPTION_KEYS/);
  });

  test("with PostgreSQL, missing keys are an error, not generated", () => {
    expect(() => loadConfig({ DATABASE_URL: "postgresql://db/latchkey" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: "postgresql://db/latchkey" })).toThrow(/LATCHKEY_ENCRYPTION_KEYS, LATCHKEY_AUTH_SECRET/);
  });

  test("the embedded default generates keys once, mode 0600, with a warning, and reuses them", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-config-"));
    const warnings: string[] = [];
    const first = loadConfig({ LATCHKEY_DATA_DIR: dataDir }, (message) => warnings.push(message));
    const second = loadConfig({ LATCHKEY_DATA_DIR: dataDir }, (message) => warnings.push(message));
    const file = path.join(dataDir, "local-secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/local/i);
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.keyRing.keys.get(1)).toEqual(first.keyRing.keys.get(1));
    expect(JSON.parse(readFileSync(file, "utf8")).encryptionKeys).toMatch(/^v1:/);
  });
});

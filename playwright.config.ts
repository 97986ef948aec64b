// End-to-end tests: Debian's Chromium drives the built portal, which talks to
// the fake Bitbucket, GitLab and GitHub over real HTTP on loopback. `next build` must have run
// (scripts/test-all.sh does it).
import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const PORTAL_PORT = 3100;
const FAKE_BITBUCKET_PORT = 4010;
const FAKE_GITLAB_PORT = 4020;
const FAKE_GITHUB_PORT = 4030;

// Set once in the runner; workers inherit the environment, so all agree.
process.env.LATCHKEY_E2E_DIR ??= mkdtempSync(path.join(tmpdir(), "latchkey-e2e-"));
const runDir = process.env.LATCHKEY_E2E_DIR;

export const e2e = {
  portalUrl: `http://localhost:${PORTAL_PORT}`,
  fakeBitbucketUrl: `http://127.0.0.1:${FAKE_BITBUCKET_PORT}`,
  fakeGitLabUrl: `http://127.0.0.1:${FAKE_GITLAB_PORT}`,
  fakeGitHubUrl: `http://127.0.0.1:${FAKE_GITHUB_PORT}`,
  serverLog: path.join(runDir, "server.log"),
  adminStateFile: path.join(runDir, "admin.json"),
};

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  globalSetup: "./tests/e2e/global-setup.ts",
  use: {
    baseURL: e2e.portalUrl,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
    trace: "off",
  },
  webServer: [
    {
      command: `node_modules/.bin/tsx tests/fakes/bitbucket/cli.ts --port ${FAKE_BITBUCKET_PORT}`,
      url: `${e2e.fakeBitbucketUrl}/__control/stats`,
      reuseExistingServer: false,
      env: { FAKE_BITBUCKET_CALLBACK_URL: `${e2e.portalUrl}/api/oauth/bitbucket/callback` },
    },
    {
      command: `node_modules/.bin/tsx tests/fakes/gitlab/cli.ts --port ${FAKE_GITLAB_PORT}`,
      url: `${e2e.fakeGitLabUrl}/__control/stats`,
      reuseExistingServer: false,
      env: { FAKE_GITLAB_REDIRECT_URI: `${e2e.portalUrl}/api/oauth/gitlab/callback` },
    },
    {
      command: `node_modules/.bin/tsx tests/fakes/github/cli.ts --port ${FAKE_GITHUB_PORT}`,
      url: `${e2e.fakeGitHubUrl}/__control/stats`,
      reuseExistingServer: false,
      env: { FAKE_GITHUB_CALLBACK_URL: `${e2e.portalUrl}/api/oauth/github/callback` },
    },
    {
      // The server's output goes to a file too, so tests can check no secret was logged.
      // Started as `npm start` does (scripts/server.ts, on PORT), so the client's address is the socket's.
      command: `bash -c 'exec node_modules/.bin/tsx --conditions=react-server scripts/server.ts > >(tee -a "${e2e.serverLog}") 2>&1'`,
      url: `${e2e.portalUrl}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: `file:${path.join(runDir, "latchkey.db")}`,
        LATCHKEY_DATA_DIR: runDir,
        APP_URL: e2e.portalUrl,
        PORT: String(PORTAL_PORT),
        BITBUCKET_AUTH_BASE_URL: e2e.fakeBitbucketUrl,
        BITBUCKET_API_BASE_URL: e2e.fakeBitbucketUrl,
        GITLAB_BASE_URL: e2e.fakeGitLabUrl,
        GITHUB_AUTH_BASE_URL: e2e.fakeGitHubUrl,
        GITHUB_API_BASE_URL: e2e.fakeGitHubUrl,
        PROVIDER_TIMEOUT_MS: "3000",
        // The webhook tests' receiver listens on 127.0.0.1, a private address the vault refuses otherwise.
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
      },
    },
  ],
});

/**
 * Runs the fake GitHub for the offline demo and browser tests:
 *   npx tsx tests/fakes/github/cli.ts [--port N]
 * Configured by FAKE_GITHUB_PORT, FAKE_GITHUB_CLIENT_ID, FAKE_GITHUB_CLIENT_SECRET,
 * FAKE_GITHUB_CALLBACK_URL and FAKE_GITHUB_EXPIRING_TOKENS (`true` for expiring user tokens).
 */
import { closeOnSignal, portFrom } from "../shared/cli";
import { startFakeGitHub } from "./server";

const env = process.env;
const fake = await startFakeGitHub({
  port: portFrom(process.argv.slice(2), env.FAKE_GITHUB_PORT, 4030),
  expiringTokens: env.FAKE_GITHUB_EXPIRING_TOKENS === "true",
  applications: [
    {
      clientId: env.FAKE_GITHUB_CLIENT_ID ?? "demo-github-client",
      clientSecret: env.FAKE_GITHUB_CLIENT_SECRET ?? "demo-github-secret",
      name: "Latchkey demo",
      callbackUrl: env.FAKE_GITHUB_CALLBACK_URL ?? "http://localhost:3000/api/oauth/github/callback",
    },
  ],
});
console.log(`fake GitHub listening on ${fake.url}`);
closeOnSignal(() => fake.close());

/**
 * Runs the fake Bitbucket for the offline demo and browser tests:
 *   npx tsx tests/fakes/bitbucket/cli.ts [--port N]
 * Configured by FAKE_BITBUCKET_PORT, FAKE_BITBUCKET_CLIENT_ID, FAKE_BITBUCKET_CLIENT_SECRET,
 * FAKE_BITBUCKET_CALLBACK_URL and FAKE_BITBUCKET_PERMISSIONS (space-separated).
 */
import { closeOnSignal, portFrom } from "../shared/cli";
import { startFakeBitbucket } from "./server";

const DEFAULT_PERMISSIONS = "account email repository pullrequest issue webhook pipeline snippet";

const env = process.env;
const fake = await startFakeBitbucket({
  port: portFrom(process.argv.slice(2), env.FAKE_BITBUCKET_PORT, 4010),
  consumers: [
    {
      key: env.FAKE_BITBUCKET_CLIENT_ID ?? "demo-key",
      secret: env.FAKE_BITBUCKET_CLIENT_SECRET ?? "demo-secret",
      name: "Latchkey demo",
      callbackUrl: env.FAKE_BITBUCKET_CALLBACK_URL ?? "http://localhost:3000/api/oauth/bitbucket/callback",
      permissions: (env.FAKE_BITBUCKET_PERMISSIONS ?? DEFAULT_PERMISSIONS).split(/\s+/).filter(Boolean),
    },
  ],
});
console.log(`fake Bitbucket listening on ${fake.url}`);
closeOnSignal(() => fake.close());

/**
 * Runs the fake GitLab for the offline demo and browser tests:
 *   npx tsx tests/fakes/gitlab/cli.ts [--port N]
 * Configured by FAKE_GITLAB_PORT, FAKE_GITLAB_CLIENT_ID, FAKE_GITLAB_CLIENT_SECRET,
 * FAKE_GITLAB_REDIRECT_URI and FAKE_GITLAB_SCOPES (space-separated).
 */
import { closeOnSignal, portFrom } from "../shared/cli";
import { startFakeGitLab } from "./server";

const DEFAULT_SCOPES = "api read_api read_user read_repository write_repository openid profile email";

const env = process.env;
const fake = await startFakeGitLab({
  port: portFrom(process.argv.slice(2), env.FAKE_GITLAB_PORT, 4020),
  applications: [
    {
      applicationId: env.FAKE_GITLAB_CLIENT_ID ?? "demo-application-id",
      secret: env.FAKE_GITLAB_CLIENT_SECRET ?? "gloas-demo-secret",
      name: "Latchkey demo",
      redirectUris: [env.FAKE_GITLAB_REDIRECT_URI ?? "http://localhost:3000/api/oauth/gitlab/callback"],
      scopes: (env.FAKE_GITLAB_SCOPES ?? DEFAULT_SCOPES).split(/\s+/).filter(Boolean),
    },
  ],
});
console.log(`fake GitLab listening on ${fake.url}`);
closeOnSignal(() => fake.close());

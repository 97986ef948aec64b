// Disconnecting revokes the held token at providers that have a revocation endpoint (GitLab's
// RFC 7009, GitHub's DELETE of the token, not the grant); a provider that fails does not stop the
// disconnect, it is reported. Against the fakes over real HTTP.
import { afterAll, expect, test } from "vitest";
import { startFakeGitHub } from "../fakes/github/server";
import { startFakeGitLab } from "../fakes/gitlab/server";

const GITLAB = { clientId: "gl-app", secret: "gloas-secret" };
const GITHUB = { clientId: "gh-app", secret: "gh-secret" };
const gitlabFake = await startFakeGitLab({
  applications: [
    { applicationId: GITLAB.clientId, secret: GITLAB.secret, redirectUris: ["http://localhost:3999/api/oauth/gitlab/callback"], scopes: ["read_user"] },
  ],
});
const githubFake = await startFakeGitHub({
  applications: [{ clientId: GITHUB.clientId, clientSecret: GITHUB.secret, callbackUrl: "http://localhost:3999/api/oauth/github/callback" }],
});
process.env.GITLAB_BASE_URL = gitlabFake.url;
process.env.GITHUB_AUTH_BASE_URL = githubFake.url;
process.env.GITHUB_API_BASE_URL = githubFake.url;
afterAll(() => Promise.all([gitlabFake.close(), githubFake.close()]));

const { revokeAtProvider } = await import("@/lib/connections/remote-revocation");
const { sealToken } = await import("@/lib/connections/sealing");
const { Secret } = await import("@/lib/crypto");
const { bitbucket } = await import("@/lib/providers/bitbucket");
const { github } = await import("@/lib/providers/github");
const { gitlab } = await import("@/lib/providers/gitlab");

const credentials = (app: { clientId: string; secret: string }, secret = app.secret) => ({ clientId: app.clientId, clientSecret: new Secret(secret) });

/** A connection row as the store holds it: the token sealed to its row. */
function heldToken(accessToken: string) {
  const id = `conn_${Math.random().toString(36).slice(2)}`;
  return { id, accessToken: sealToken(id, "accessToken", new Secret(accessToken)), refreshToken: null };
}

async function apiStatus(url: string, accessToken: string, headers: Record<string, string> = {}) {
  return (await fetch(url, { headers: { authorization: `Bearer ${accessToken}`, ...headers } })).status;
}

test("GitLab: the held token is revoked (RFC 7009) and stops working", async () => {
  const { accessToken } = gitlabFake.issueTokensDirectly({ applicationId: GITLAB.clientId, username: "ada" });
  expect(await revokeAtProvider(gitlab, credentials(GITLAB), heldToken(accessToken))).toBe("revoked");
  expect(await apiStatus(`${gitlabFake.url}/api/v4/user`, accessToken)).toBe(401);
});

test("GitHub: the held token is deleted, not the grant: the user's other tokens for the app keep working", async () => {
  const other = githubFake.issueTokensDirectly({ clientId: GITHUB.clientId, login: "ada", scopes: ["gist"] });
  const { accessToken } = githubFake.issueTokensDirectly({ clientId: GITHUB.clientId, login: "ada", scopes: ["repo"] });
  expect(await revokeAtProvider(github, credentials(GITHUB), heldToken(accessToken))).toBe("revoked");
  expect(githubFake.stats().revocations).toEqual({ token: 1, grant: 0 });
  const ua = { "user-agent": "latchkey-tests" };
  expect(await apiStatus(`${githubFake.url}/user`, accessToken, ua)).toBe(401);
  expect(await apiStatus(`${githubFake.url}/user`, other.accessToken, ua)).toBe(200);
});

test("a provider down, a refused client or deleted settings: reported as failed, never thrown", async () => {
  const gitlabToken = gitlabFake.issueTokensDirectly({ applicationId: GITLAB.clientId, username: "ada" }).accessToken;
  gitlabFake.failNext("revoke", { status: 503 });
  expect(await revokeAtProvider(gitlab, credentials(GITLAB), heldToken(gitlabToken))).toBe("failed");
  expect(await revokeAtProvider(gitlab, credentials(GITLAB, "gloas-wrong"), heldToken(gitlabToken))).toBe("failed");
  expect(await revokeAtProvider(gitlab, null, heldToken(gitlabToken))).toBe("failed");
  const githubToken = githubFake.issueTokensDirectly({ clientId: GITHUB.clientId, login: "ada" }).accessToken;
  expect(await revokeAtProvider(github, credentials(GITHUB, "wrong"), heldToken(githubToken))).toBe("failed");
  expect(await apiStatus(`${githubFake.url}/user`, githubToken, { "user-agent": "latchkey-tests" })).toBe(200);
});

test("Bitbucket has no revocation endpoint: nothing is attempted", async () => {
  expect(await revokeAtProvider(bitbucket, credentials(GITLAB), heldToken("anything"))).toBe("not_supported");
});

test("a held token no key opens (sealed to another row) is reported as failed, never thrown, so the local disconnect goes on", async () => {
  const gitlabToken = gitlabFake.issueTokensDirectly({ applicationId: GITLAB.clientId, username: "ada" }).accessToken;
  const sealedElsewhere = { ...heldToken(gitlabToken), id: "conn_another_row" };
  expect(await revokeAtProvider(gitlab, credentials(GITLAB), sealedElsewhere)).toBe("failed");
});

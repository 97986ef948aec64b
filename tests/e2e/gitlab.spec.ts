// Issue 9: a developer adds GitLab in the portal exactly as Bitbucket, and an end user connects it, against the fake GitLab.
import { addAndConnect, disconnectInPortal, type ProviderJourney } from "./provider-journey";
import { expect, fakeGitLab, registerGitLabApplication, test } from "./support";

test("GitLab: catalog, setup page, verify, save, an end user connects, token, proxy, disconnect while GitLab is down", async ({ browser, playwright }) => {
  const gitlab: ProviderJourney = {
    id: "gitlab",
    name: "GitLab",
    facts: ["gitlab", "Developer Tools", "Supported", "Automatic"],
    credentialNames: { clientId: "Application ID", clientSecret: "Secret" },
    scopeRow: /read_user Read-only access to your profile/,
    scopes: ["read_api"],
    client: await registerGitLabApplication(),
    approve: async (page, account) => {
      await expect(page.getByRole("heading", { name: "Authorize Latchkey e2e to use your account?" })).toBeVisible();
      await page.getByLabel("Signed in as").selectOption(account);
      await page.getByRole("button", { name: "Authorize" }).click();
    },
    account: "grace",
    proxyPath: "api/v4/user",
    proxyAnswer: { id: 1906, username: "grace" },
  };
  await fakeGitLab.resetStats();
  const journey = await addAndConnect(browser, playwright, gitlab);
  // GitLab's numeric id, stored as a string; the requested scopes were granted.
  const metadata = await (await journey.api.get(`/api/v1/connections/${journey.connectionId}`)).json();
  expect(metadata).toMatchObject({ account: { login: "grace", displayName: "Grace Hopper" }, missingScopes: [] });
  expect([...metadata.grantedScopes].sort()).toEqual(["read_api", "read_user"]);
  expect((await fakeGitLab.lastApiRequest())?.path).toBe("/api/v4/user");

  // GitLab is down as the developer disconnects: disconnected here all the same, and the portal says revoking at GitLab failed.
  await fakeGitLab.failNext("revoke", { status: 503 });
  try {
    await disconnectInPortal(journey, "Revoking the token at GitLab failed: the end user can remove the access in their GitLab settings.");
  } finally {
    await fakeGitLab.clearFailures();
  }
  expect((await fakeGitLab.stats()).revokeRequests).toBe(1);
});

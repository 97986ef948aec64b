// Issue 9: a developer adds GitHub in the portal exactly as Bitbucket, and an end user connects it, against the fake GitHub.
import { addAndConnect, disconnectInPortal, type ProviderJourney } from "./provider-journey";
import { expect, fakeGitHub, registerGitHubApplication, test } from "./support";

test("GitHub: catalog, setup page, verify, save, an end user connects, token, proxy with GitHub's User-Agent, disconnect deletes the token", async ({
  browser,
  playwright,
}) => {
  const github: ProviderJourney = {
    id: "github",
    name: "GitHub",
    facts: ["github", "Developer Tools", "Supported", "Automatic for expiring tokens"],
    credentialNames: { clientId: "Client ID", clientSecret: "Client secret" },
    scopeRow: /user:email Access user email addresses/,
    scopes: ["read:user", "user:email"],
    client: await registerGitHubApplication(),
    approve: async (page, account) => {
      await expect(page.getByRole("heading", { name: "Authorize Latchkey e2e" })).toBeVisible();
      await page.getByLabel("Signed in as").selectOption(account);
      await page.getByRole("button", { name: "Authorize" }).click();
    },
    account: "grace",
    proxyPath: "user",
    proxyAnswer: { id: 19061209, login: "grace" },
  };
  await fakeGitHub.resetStats();
  const journey = await addAndConnect(browser, playwright, github);
  // Grace has no public address: the vault read her primary one from /user/emails. A classic token never expires.
  const metadata = await (await journey.api.get(`/api/v1/connections/${journey.connectionId}`)).json();
  expect(metadata).toMatchObject({ account: { login: "grace", email: "grace@example.com" }, missingScopes: [] });
  expect((await (await journey.api.get(`/api/v1/connections/${journey.connectionId}/token`)).json()).expiresAt).toBeNull();
  expect(await fakeGitHub.lastApiRequest()).toMatchObject({ path: "/user", headers: { "user-agent": "Latchkey" } });

  await disconnectInPortal(journey, "GitHub revoked the token too.");
  expect((await fakeGitHub.stats()).revocations).toEqual({ token: 1, grant: 0 });
});

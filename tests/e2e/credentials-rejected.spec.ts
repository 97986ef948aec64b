// Issue 8 in a real browser: the developer regenerates the consumer's secret at
// Bitbucket and forgets the vault. Proxied calls answer 502 (not an outage, not
// the end user's problem), the provider's page says Bitbucket rejected the
// credentials and since when, and saving the new secret ends it.
import { bitbucketConnectedThroughTheApi, expect, fakeBitbucket, saveBitbucket, test } from "./support";

test("a consumer secret rotated at Bitbucket shows on the provider's page, answers 502, and saving the new secret ends it", async ({ browser, playwright }) => {
  const { developer, applicationId, consumer, api, connection } = await bitbucketConnectedThroughTheApi(browser, playwright, "Rotated secret", "rotated-1");

  const rotated = { ...consumer, secret: `${consumer.secret}-rotated` };
  await fakeBitbucket.addConsumer(rotated);
  await fakeBitbucket.expireAccessTokens();
  const refused = await api.get(`/api/v1/connections/${connection.id}/proxy/2.0/user`);
  expect(refused.status()).toBe(502);
  expect((await refused.json()).error.code).toBe("provider_credentials_rejected");
  expect((await (await api.get(`/api/v1/connections/${connection.id}`)).json()).status).toBe("active");

  await developer.goto(`/applications/${applicationId}/providers/bitbucket`);
  const notice = developer.getByRole("region", { name: "Credentials rejected" });
  await expect(notice.getByRole("heading", { name: "Bitbucket rejected the Client ID or Secret" })).toBeVisible();
  await expect(notice).toContainText(/Since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);

  await saveBitbucket(developer, applicationId, rotated, "Changes saved. Bitbucket accepted the credentials.");
  await developer.reload();
  await expect(developer.getByRole("heading", { name: "Credentials and scopes" })).toBeVisible();
  await expect(developer.getByRole("region", { name: "Credentials rejected" })).toHaveCount(0);
  const proxied = await api.get(`/api/v1/connections/${connection.id}/proxy/2.0/user`);
  expect(proxied.status()).toBe(200);
  expect((await proxied.json()).nickname).toBe("ada");
  await api.dispose();
});

// Issue 5 in a real browser: a backend reads fresh tokens; when the end user
// revokes the app at Bitbucket the connection needs re-authorization (424),
// the portal says so and makes a reconnect link, and reconnecting restores it.
import { bitbucketConnectedThroughTheApi, connectThroughBitbucket, expect, fakeBitbucket, test } from "./support";

test("a revoked connection answers 424, shows Needs re-authorization, and a reconnect link makes it Active again", async ({ browser, playwright }) => {
  const { developer, applicationId, consumer, api, endUser, connection } = await bitbucketConnectedThroughTheApi(
    browser,
    playwright,
    "Token reader",
    "reader-1",
  );

  const token = await api.get(`/api/v1/connections/${connection.id}/token`);
  expect(token.status()).toBe(200);
  const { accessToken } = await token.json();
  const proxied = await api.get(`/api/v1/connections/${connection.id}/proxy/2.0/user`);
  expect((await proxied.json()).nickname).toBe("ada");

  // Ada revokes the app in Bitbucket: the tokens die, the refresh is refused.
  await fakeBitbucket.revokeGrant("ada", consumer.key);
  const refused = await api.get(`/api/v1/connections/${connection.id}/proxy/2.0/user`);
  expect(refused.status()).toBe(424);
  expect((await refused.json()).error).toMatchObject({ code: "needs_reauthorization", connectionId: connection.id });
  expect((await api.get(`/api/v1/connections/${connection.id}/token`)).status()).toBe(424);

  await developer.goto(`/applications/${applicationId}/connections/${connection.id}`);
  await expect(developer.getByText("Needs re-authorization").first()).toBeVisible();
  await developer.getByRole("button", { name: "Create reconnect link" }).click();
  const link = await developer.getByLabel("Reconnect link", { exact: true }).inputValue();
  expect(await developer.content()).not.toContain(accessToken);

  await connectThroughBitbucket(endUser, link, "ada");
  await expect(endUser.getByRole("heading", { name: "Bitbucket is connected to Token reader" })).toBeVisible();
  const again = await api.get(`/api/v1/connections/${connection.id}/token`);
  expect(again.status()).toBe(200);
  expect((await again.json()).accessToken).not.toBe(accessToken);
  await developer.reload();
  await expect(developer.getByText("Active").first()).toBeVisible();
  await api.dispose();
});

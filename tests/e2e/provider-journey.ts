// The journey every provider must support in the portal, exactly as Bitbucket: the catalog, the
// setup page, Verify, Save, an end user connecting through the provider's (fake) authorize page, a
// token read, a proxied call and disconnect. Each provider's spec says what differs.
import type { APIRequestContext, Browser, Page, PlaywrightWorkerArgs } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { e2e } from "../../playwright.config";
import { createApiKey, createApplication, expect, newDeveloper } from "./support";

export type ProviderJourney = {
  id: string;
  name: string;
  /** The catalog card's facts, in order: Provider ID, Category, PKCE, Token refresh. */
  facts: [string, string, string, string];
  /** What the provider calls the Client ID and Secret, as the setup page names them. */
  credentialNames: { clientId: string; clientSecret: string };
  /** A documented scope row, as the scopes table shows it. */
  scopeRow: RegExp;
  /** Scopes ticked before saving (beside those ticked by default). */
  scopes: string[];
  client: { clientId: string; clientSecret: string };
  /** The end user on the provider's authorize page: pick the account and press its approve button. */
  approve: (page: Page, account: string) => Promise<void>;
  account: string;
  /** An API path the proxy may call, and what its JSON answer says. */
  proxyPath: string;
  proxyAnswer: Record<string, unknown>;
};

export type JourneyResult = { developer: Page; api: APIRequestContext; applicationId: string; connectionId: string; endUserId: string };

/** Catalog → setup page → Verify (wrong, then right) → Save. */
async function setUpProvider(page: Page, provider: ProviderJourney, applicationId: string): Promise<void> {
  await page.goto(`/applications/${applicationId}/providers`);
  await page.getByRole("link", { name: "Add Provider" }).click();
  await expect(page.getByRole("article")).toHaveCount(3);
  const redirectUri = `${e2e.portalUrl}/api/oauth/${provider.id}/callback`;
  // The same property table on the catalog card and at the top of the provider's page.
  const facts = [...provider.facts, new RegExp(`^${e2e.portalUrl}/api/oauth/${provider.id}/callback`)];
  const card = page.getByRole("article", { name: provider.name });
  await expect(card.getByRole("term")).toHaveText(["Provider ID", "Category", "PKCE", "Token refresh", "Redirect URI"]);
  await expect(card.getByRole("definition")).toHaveText(facts);
  await expect(card.getByText(`Connect your users to ${provider.name} for`)).toBeVisible();
  await card.getByRole("link", { name: `Set up ${provider.name}` }).click();

  await expect(page).toHaveURL(`/applications/${applicationId}/providers/${provider.id}`);
  const register = page.getByRole("region", { name: provider.name, exact: true });
  await expect(register.getByRole("definition")).toHaveText(facts);
  await register.getByRole("button", { name: "Copy Redirect URI" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(redirectUri);
  await expect(register.getByRole("listitem").filter({ hasText: provider.credentialNames.clientId }).first()).toBeVisible();
  await expect(page.getByLabel("Client ID")).toHaveAccessibleDescription(new RegExp(`${provider.name} calls it the ${provider.credentialNames.clientId}`));
  await expect(page.getByRole("table", { name: "Documented scopes" }).getByRole("row", { name: provider.scopeRow })).toBeVisible();

  await page.getByLabel("Client ID").fill(provider.client.clientId);
  await page.getByLabel("Client Secret").fill("not-the-secret");
  await page.getByRole("button", { name: "Verify credentials" }).click();
  await expect(page.getByText(`${provider.name} rejected the Client ID or Secret.`)).toBeVisible();
  await page.getByLabel("Client Secret").fill(provider.client.clientSecret);
  await page.getByRole("button", { name: "Verify credentials" }).click();
  await expect(page.getByText(`${provider.name} accepted these credentials.`)).toBeVisible();

  for (const scope of provider.scopes) await page.getByRole("checkbox", { name: scope, exact: true }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`${provider.name} is saved and Active. ${provider.name} accepted the credentials.`)).toBeVisible();
}

/** The developer sets the provider up; an end user connects through a connect session from the API; a token and a proxied call follow. */
export async function addAndConnect(browser: Browser, playwright: PlaywrightWorkerArgs["playwright"], provider: ProviderJourney): Promise<JourneyResult> {
  const { page: developer } = await newDeveloper(browser);
  const appName = `${provider.name} Journey ${randomBytes(3).toString("hex")}`;
  const applicationId = await createApplication(developer, appName);
  await setUpProvider(developer, provider, applicationId);

  const apiKey = await createApiKey(developer, applicationId);
  const api = await playwright.request.newContext({ baseURL: e2e.portalUrl, extraHTTPHeaders: { Authorization: `Bearer ${apiKey}` } });
  const endUserId = `${provider.id}-user-${randomBytes(3).toString("hex")}`;
  const session = await api.post("/api/v1/connect-sessions", { data: { provider: provider.id, endUserId } });
  expect(session.status()).toBe(201);

  const endUser = await (await browser.newContext()).newPage();
  await endUser.goto(((await session.json()) as { connectUrl: string }).connectUrl);
  await expect(endUser.getByRole("heading", { name: `Connect ${provider.name} to ${appName}` })).toBeVisible();
  await endUser.getByRole("button", { name: `Connect ${provider.name}` }).click();
  await provider.approve(endUser, provider.account);
  await expect(endUser.getByRole("heading", { name: `${provider.name} is connected to ${appName}` })).toBeVisible();
  await endUser.context().close();

  const list = await api.get(`/api/v1/connections?provider=${provider.id}&endUserId=${endUserId}`);
  const [connection] = ((await list.json()) as { data: { id: string; status: string }[] }).data;
  expect(connection).toMatchObject({ status: "active" });
  const connectionId = connection!.id;

  const token = await api.get(`/api/v1/connections/${connectionId}/token`);
  expect(token.status()).toBe(200);
  expect(((await token.json()) as { accessToken: string }).accessToken.length).toBeGreaterThan(20);
  const proxied = await api.get(`/api/v1/connections/${connectionId}/proxy/${provider.proxyPath}`);
  expect(proxied.status()).toBe(200);
  expect(await proxied.json()).toMatchObject(provider.proxyAnswer);

  return { developer, api, applicationId, connectionId, endUserId };
}

/** The developer disconnects in the portal, which says what happened at the provider (`atProvider`); the API says revoked. */
export async function disconnectInPortal({ developer, api, applicationId, connectionId, endUserId }: JourneyResult, atProvider: string): Promise<void> {
  await developer.goto(`/applications/${applicationId}/connections`);
  await developer.getByRole("table", { name: "Connections" }).getByRole("link", { name: endUserId }).click();
  await developer.getByRole("button", { name: "Disconnect", exact: true }).click();
  await developer.getByRole("button", { name: "Yes, disconnect" }).click();
  // The Disconnect card says it (the history below says the same in its own row).
  await expect(developer.getByRole("region", { name: "Disconnect" })).toContainText(atProvider);
  await expect(developer.getByText("Revoked", { exact: true })).toBeVisible();
  expect(((await (await api.get(`/api/v1/connections/${connectionId}`)).json()) as { status: string }).status).toBe("revoked");
  expect((await api.get(`/api/v1/connections/${connectionId}/token`)).status()).not.toBe(200);
  await api.dispose();
}

// Issue 11, the developer's first hour: the Overview's checklist and code, the provider form's
// error summary, and trying the connect flow, a token and a proxied call without writing code,
// against the fake Bitbucket.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { e2e } from "../../playwright.config";
import { connectThroughBitbucket, createApiKey, createApplication, expect, newDeveloper, registerConsumer, saveBitbucket, test } from "./support";

/** No axe-core violation of impact serious or critical in what the page shows now (results, summaries, revealed values). */
async function expectAccessible(page: Page): Promise<void> {
  // After a server action the page re-renders; axe reads it once its title is back (CI once caught it without one).
  await expect(page).toHaveTitle(/ · Latchkey$/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** The Overview's checklist, one "Done" or "To do" per step, in order. */
async function checklist(page: Page, applicationId: string): Promise<string[]> {
  await page.goto(`/applications/${applicationId}`);
  const steps = page.getByRole("region", { name: "Get started" }).getByRole("listitem");
  await expect(steps).toHaveCount(5);
  return (await steps.allTextContents()).map((text) => (text.includes("· Done") ? "Done" : "To do"));
}

test("the Overview's checklist ticks each step as it is done, with the next step's code in tabs", async ({ browser, playwright }) => {
  const { page } = await newDeveloper(browser);
  const applicationId = await createApplication(page, "Checklist App");
  expect(await checklist(page, applicationId)).toEqual(["To do", "To do", "To do", "To do", "To do"]);
  await expect(page.getByText("0 of 5 steps done")).toBeVisible();
  const steps = page.getByRole("region", { name: "Get started" });
  await expect(steps.getByRole("link", { name: "Add a provider" })).toHaveAttribute("href", `/applications/${applicationId}/providers/new`);
  await expect(steps.getByRole("link", { name: "Create an API key" })).toHaveAttribute("href", `/applications/${applicationId}/api-keys`);
  await expect(steps.getByRole("link", { name: "Allow a return origin" })).toHaveAttribute("href", `/applications/${applicationId}/settings`);

  // The next step's code: a tablist a keyboard can move through, each panel with the real base URL and Copy.
  const next = page.getByRole("region", { name: "Next: make a connect link from your backend" });
  const tabs = next.getByRole("tablist", { name: "Language" });
  await expect(tabs.getByRole("tab")).toHaveText(["curl", "Node.js", "Python"]);
  await expect(tabs.getByRole("tab", { name: "curl" })).toHaveAttribute("aria-selected", "true");
  await expect(next.getByRole("tabpanel")).toContainText(`curl -X POST ${e2e.portalUrl}/api/v1/connect-sessions`);
  await tabs.getByRole("tab", { name: "curl" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(tabs.getByRole("tab", { name: "Node.js" })).toBeFocused();
  await expect(tabs.getByRole("tab", { name: "Node.js" })).toHaveAttribute("aria-selected", "true");
  await expect(next.getByRole("tabpanel")).toContainText(`await fetch("${e2e.portalUrl}/api/v1/connect-sessions"`);
  await page.keyboard.press("End");
  await expect(tabs.getByRole("tab", { name: "Python" })).toBeFocused();
  await expect(next.getByRole("tabpanel")).toContainText("requests.post(");
  await page.keyboard.press("ArrowRight"); // wraps round to the first
  await expect(tabs.getByRole("tab", { name: "curl" })).toBeFocused();
  await expectAccessible(page);
  await next.getByRole("button", { name: "Copy curl code" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`curl -X POST ${e2e.portalUrl}/api/v1/connect-sessions`);

  // 1. A provider.
  const consumer = await registerConsumer(["account", "repository"]);
  await saveBitbucket(page, applicationId, consumer);
  expect(await checklist(page, applicationId)).toEqual(["Done", "To do", "To do", "To do", "To do"]);

  // 2. An API key: revealed once, with the same code beside it and the key written in.
  const apiKey = await createApiKey(page, applicationId);
  const keyCode = page.getByRole("tablist", { name: "Language" });
  await expect(keyCode.getByRole("tab")).toHaveText(["curl", "Node.js", "Python"]);
  await expect(page.getByRole("tabpanel")).toContainText(`-H "Authorization: Bearer ${apiKey}"`);
  await expect(page.getByRole("region", { name: "Create an API key" }).locator("code").first()).toHaveText("Authorization: Bearer lk_…");
  await expectAccessible(page);
  expect(await checklist(page, applicationId)).toEqual(["Done", "Done", "To do", "To do", "To do"]);

  // 3. A return origin.
  await page.goto(`/applications/${applicationId}/settings`);
  await page.getByLabel("Allowed return origins").fill("https://app.example");
  await page.getByRole("button", { name: "Save allowed origins" }).click();
  await expect(page.getByText("Saved. Connect sessions may return to https://app.example.")).toBeVisible();
  expect(await checklist(page, applicationId)).toEqual(["Done", "Done", "Done", "To do", "To do"]);

  // 4. A connect link from the backend, and an end user who uses it.
  const api = await playwright.request.newContext({ baseURL: e2e.portalUrl, extraHTTPHeaders: { Authorization: `Bearer ${apiKey}` } });
  const session = (await (await api.post("/api/v1/connect-sessions", { data: { endUserId: "user-1", provider: "bitbucket" } })).json()) as {
    connectUrl: string;
  };
  expect(await checklist(page, applicationId)).toEqual(["Done", "Done", "Done", "Done", "To do"]);
  const endUser = await (await browser.newContext()).newPage();
  await connectThroughBitbucket(endUser, session.connectUrl, "ada");
  await expect(endUser.getByRole("heading", { name: "Bitbucket is connected to Checklist App" })).toBeVisible();
  await endUser.context().close();
  await page.reload();
  const tokenStep = page.getByRole("region", { name: "Next: read a token" });
  const [connection] = ((await (await api.get("/api/v1/connections")).json()) as { data: { id: string }[] }).data;
  await expect(tokenStep.getByRole("tabpanel")).toContainText(`curl ${e2e.portalUrl}/api/v1/connections/${connection!.id}/token`);

  // 5. A token read by the backend.
  expect((await api.get(`/api/v1/connections/${connection!.id}/token`)).status()).toBe(200);
  expect(await checklist(page, applicationId)).toEqual(["Done", "Done", "Done", "Done", "Done"]);
  await expect(page.getByText("5 of 5 steps done")).toBeVisible();
  await expect(page.getByRole("region", { name: "Next: call the provider's API through the proxy" }).getByRole("tabpanel")).toContainText(
    `/api/v1/connections/${connection!.id}/proxy/2.0/user`,
  );
  await api.dispose();
});

test("the provider form lists every problem at the top, moves focus there, links to each field, and keeps what was typed", async ({ browser }) => {
  const { page } = await newDeveloper(browser);
  const applicationId = await createApplication(page, "Form App");
  const consumer = await registerConsumer();
  await page.goto(`/applications/${applicationId}/providers/bitbucket`);

  // The scopes say how many are chosen and what includes each.
  const scopes = page.getByRole("group", { name: /Scopes your application requires/ });
  await expect(scopes).toHaveAccessibleName(/1 selected/);
  await expect(page.getByRole("table", { name: "Documented scopes" }).getByRole("row", { name: /repository Read access to your repositories/ })).toContainText(
    "implied by repository:write, pullrequest, project",
  );

  await page.getByLabel("Client ID").fill(consumer.key);
  await page.getByRole("checkbox", { name: "account", exact: true }).uncheck();
  await page.getByRole("checkbox", { name: "pullrequest", exact: true }).check();
  await expect(scopes).toHaveAccessibleName(/1 selected/);
  await page.getByRole("button", { name: "Save" }).click();

  const summary = page.getByRole("group", { name: "2 fields need correcting" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link")).toHaveText(["Client Secret is required.", /^account is needed: /]);
  await expect(page.getByLabel("Client Secret")).toHaveAccessibleDescription(/Client Secret is required\./);
  // What was typed and ticked stays.
  await expect(page.getByLabel("Client ID")).toHaveValue(consumer.key);
  await expect(page.getByRole("checkbox", { name: "pullrequest", exact: true })).toBeChecked();

  await expectAccessible(page);
  await summary.getByRole("link", { name: "Client Secret is required." }).click();
  await expect(page.getByLabel("Client Secret")).toBeFocused();
  await summary.getByRole("link", { name: /account is needed/ }).click();
  await expect(page.getByRole("checkbox", { name: "account", exact: true })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: "account", exact: true })).toBeChecked();

  // While the next action is on its way, its button says so and the last result is gone.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/applications/${applicationId}/providers/bitbucket`, async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });
  await page.getByLabel("Client Secret").fill(consumer.secret);
  await page.getByRole("button", { name: "Verify credentials" }).click();
  await expect(page.getByRole("button", { name: "Verifying…" })).toBeDisabled();
  await expect(summary).toBeHidden();
  release();
  await expect(page.getByText("Bitbucket accepted these credentials.")).toBeVisible();
  await page.unroute(`**/applications/${applicationId}/providers/bitbucket`);

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Bitbucket is saved and Active. Bitbucket accepted the credentials.")).toBeVisible();
  await expect(page.getByText("Bitbucket accepted these credentials.")).toBeHidden();
});

test("Test connection from the portal: the connect link opens in a new tab, the end user connects, and the new connection is shown; Get token and Try a request there", async ({
  browser,
}) => {
  const { page, email } = await newDeveloper(browser);
  const applicationId = await createApplication(page, "Try It App");
  await saveBitbucket(page, applicationId, await registerConsumer(["account", "repository"]));

  // From the provider's page, without an API key.
  const card = page.getByRole("region", { name: "Test connection" });
  await expect(card.getByLabel("End-user ID")).toHaveValue("test-user");
  await card.getByRole("button", { name: "Test connection to Bitbucket" }).click();
  await expect(card.getByText(/Connect link ready for test-user\. It works once/)).toBeVisible();
  const [tab] = await Promise.all([page.context().waitForEvent("page"), card.getByRole("link", { name: "Open the connect page in a new tab" }).click()]);

  await expect(tab.getByRole("heading", { name: "Connect Bitbucket to Try It App" })).toBeVisible();
  await tab.getByRole("button", { name: "Connect Bitbucket" }).click();
  await tab.getByLabel("Signed in as").selectOption("ada");
  await tab.getByRole("button", { name: "Grant access" }).click();
  // Back in the portal, on the new connection.
  await expect(tab.getByRole("heading", { name: "Connection of test-user" })).toBeVisible();
  await expect(tab).toHaveURL(new RegExp(`/applications/${applicationId}/connections/conn_`));
  await expect(tab.getByText("Ada Lovelace").first()).toBeVisible();

  // Get token: masked until revealed, copied whole, and the read is in the history as this developer's.
  await tab.getByRole("button", { name: "Get token" }).click();
  const token = tab.getByRole("region", { name: "Token" });
  const shown = token.getByRole("definition").first();
  await expect(shown).toContainText("••••••••••••••••");
  await expect(token.getByRole("definition").nth(2)).not.toHaveText("Never");
  await expect(token.getByRole("definition").nth(3)).toContainText("account");
  await token.getByRole("button", { name: "Reveal" }).click();
  await expect(token.getByRole("button", { name: "Hide" })).toHaveAttribute("aria-pressed", "true");
  const accessToken = (await shown.locator("code").textContent())!;
  expect(accessToken).not.toContain("•");
  expect(accessToken.length).toBeGreaterThan(20);
  await token.getByRole("button", { name: "Copy Access token" }).click();
  expect(await tab.evaluate(() => navigator.clipboard.readText())).toBe(accessToken);
  await tab.reload();
  await expect(tab.getByRole("region", { name: "History" })).toContainText(`${email} read the token of`);

  // Try a request: the provider's harmless example through the proxy, status and pretty JSON.
  await tab.getByRole("button", { name: "Try a request" }).click();
  const response = tab.getByRole("region", { name: "Response" });
  await expect(response.getByRole("status")).toContainText("200");
  await expect(response.getByLabel("Response body")).toContainText('"nickname": "ada"');
  await expect(response.getByLabel("Response body")).toContainText('"display_name": "Ada Lovelace"');
  await tab.getByRole("button", { name: "Get token" }).click();
  await expect(tab.getByRole("region", { name: "Token" })).toBeVisible();
  await expectAccessible(tab);

  // The Connections page offers the same test, and lists the new connection.
  await page.goto(`/applications/${applicationId}/connections`);
  await expect(page.getByRole("region", { name: "Test connection" }).getByLabel("End-user ID")).toHaveValue("test-user");
  await expect(page.getByRole("table", { name: "Connections" })).toContainText("test-user");
});

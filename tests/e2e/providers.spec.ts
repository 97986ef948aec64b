// Issue 3: a developer adds Bitbucket to an application in the portal, against the fake Bitbucket.
import type { Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { e2e } from "../../playwright.config";
import { createApplication, expect, newDeveloper, registerConsumer, test } from "./support";

const REDIRECT_URI = `${e2e.portalUrl}/api/oauth/bitbucket/callback`;
const BITBUCKET_DESCRIPTION = "Connect your users to Bitbucket for repository management, pull requests, and CI/CD pipelines.";
const FACT_NAMES = ["Provider ID", "Category", "PKCE", "Token refresh", "Redirect URI"];
const BITBUCKET_FACTS = ["bitbucket", "Developer Tools", "Not supported", "Automatic"];

/**
 * Every answer the portal sends this page (documents, server actions, RSC
 * payloads), read through a route so none is missed when the page navigates on.
 */
async function recordResponses(page: Page): Promise<() => string[]> {
  const bodies: string[] = [];
  await page.route(`${e2e.portalUrl}/**`, async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    bodies.push(await response.text());
    await route.fulfill({ response });
  });
  return () => bodies;
}

test("a developer adds Bitbucket: catalog, setup page, verify, save, edit, replace the secret, disable, enable, delete", async ({ browser }) => {
  const { page } = await newDeveloper(browser);
  const responses = await recordResponses(page);
  const consumer = await registerConsumer();
  const replacement = await registerConsumer();
  const applicationId = await createApplication(page, "Provider Journey");

  // 1. The catalog, reached from the application's navigation.
  await page.getByRole("navigation", { name: "Application" }).getByRole("link", { name: "OAuth Providers" }).click();
  await expect(page.getByText("No providers yet.")).toBeVisible();
  await page.getByRole("link", { name: "Add Provider" }).click();
  const card = page.getByRole("article", { name: "Bitbucket" });
  await expect(card.getByText(BITBUCKET_DESCRIPTION)).toBeVisible();
  await expect(card.getByRole("term")).toHaveText(FACT_NAMES);
  await expect(card.getByRole("definition")).toHaveText([...BITBUCKET_FACTS, /^http:\/\/localhost:\d+\/api\/oauth\/bitbucket\/callback/]);

  // 2. The setup page.
  await card.getByRole("link", { name: "Set up Bitbucket" }).click();
  await expect(page).toHaveURL(`/applications/${applicationId}/providers/bitbucket`);
  // The whole card at the top: description, property table, setup steps.
  const summary = page.getByRole("region", { name: "Bitbucket", exact: true });
  await expect(summary.getByText(BITBUCKET_DESCRIPTION)).toBeVisible();
  await expect(summary.getByRole("term")).toHaveText(FACT_NAMES);
  await expect(summary.getByRole("definition")).toHaveText([...BITBUCKET_FACTS, /^http:\/\/localhost:\d+\/api\/oauth\/bitbucket\/callback/]);
  await expect(summary.getByRole("listitem").filter({ hasText: "OAuth consumers" })).toBeVisible();
  await expect(summary.getByRole("listitem").filter({ hasText: "Callback URL" })).toBeVisible();
  await summary.getByRole("button", { name: "Copy Redirect URI" }).click();
  await expect(page.getByText("Redirect URI copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(REDIRECT_URI);

  await expect(page.getByLabel("Client ID")).toHaveAccessibleDescription(/Bitbucket calls it the Key/);
  await expect(page.getByLabel("Client Secret")).toHaveAttribute("type", "password");
  await expect(page.getByText("Bitbucket ignores the scopes an application asks for")).toBeVisible();
  const documented = page.getByRole("table", { name: "Documented scopes" });
  await expect(documented.getByRole("checkbox")).toHaveCount(9);
  await expect(documented.getByRole("row", { name: /pipeline Read access to Bitbucket Pipelines CI\/CD/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "More scopes" }).getByRole("checkbox", { name: "email", exact: true })).not.toBeChecked();
  const account = page.getByRole("checkbox", { name: "account", exact: true });
  await expect(account).toBeChecked();
  await account.uncheck();
  await expect(page.getByText("Keep account ticked: The vault reads /2.0/user")).toBeVisible();
  await account.check();
  await expect(page.getByText("Keep account ticked")).toHaveCount(0);

  // Bad input is refused beside the field, and what was typed stays.
  await page.getByLabel("Client Secret").fill(consumer.secret);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Client ID")).toHaveAccessibleDescription(/Client ID is required\./);
  await expect(page.getByText("Not set up yet")).toBeVisible();

  // 3. Verify: wrong and right credentials get different answers.
  await page.getByLabel("Client ID").fill(consumer.key);
  await page.getByLabel("Client Secret").fill("not-the-secret");
  await page.getByRole("button", { name: "Verify credentials" }).click();
  await expect(page.getByText("Bitbucket rejected the Client ID or Secret.")).toBeVisible();
  await page.getByLabel("Client Secret").fill(consumer.secret);
  await page.getByRole("button", { name: "Verify credentials" }).click();
  await expect(page.getByText("Bitbucket accepted these credentials.")).toBeVisible();

  // Save: stored and Active.
  await page.getByRole("checkbox", { name: "pullrequest", exact: true }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Bitbucket is saved and Active. Bitbucket accepted the credentials.")).toBeVisible();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Client Secret")).toHaveValue("");

  // 4. Later: the secret is never shown, only when it was set; scopes and Client ID can change.
  await page.reload();
  await expect(page.getByLabel("Client ID")).toHaveValue(consumer.key);
  await expect(page.getByLabel("Client Secret")).toHaveValue("");
  await expect(page.getByLabel("Client Secret")).toHaveAccessibleDescription(/Last set \d{4}-\d\d-\d\d .* leave this empty to keep it/);
  await expect(page.getByRole("checkbox", { name: "pullrequest", exact: true })).toBeChecked();
  await page.getByRole("checkbox", { name: "pullrequest", exact: true }).uncheck();
  await page.getByRole("checkbox", { name: "repository:write", exact: true }).check();
  await page.getByRole("checkbox", { name: "email", exact: true }).check();
  await page.getByRole("button", { name: "Verify credentials" }).click();
  await expect(page.getByText("Bitbucket accepted these credentials.")).toBeVisible(); // with the stored secret
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Changes saved. Bitbucket accepted the credentials.")).toBeVisible();
  await page.reload();
  for (const [scope, ticked] of [
    ["account", true],
    ["pullrequest", false],
    ["repository:write", true],
    ["email", true],
  ] as const) {
    await expect(page.getByRole("checkbox", { name: scope, exact: true })).toBeChecked({ checked: ticked });
  }

  // Replace the Client ID and secret with another consumer's.
  await page.getByLabel("Client ID").fill(replacement.key);
  await page.getByLabel("Client Secret").fill(replacement.secret);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Changes saved. Bitbucket accepted the credentials.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Client ID")).toHaveValue(replacement.key);

  // Disable and Enable.
  await page.getByRole("button", { name: "Disable Bitbucket" }).click();
  await expect(page.getByText("Bitbucket is disabled.")).toBeVisible();
  await expect(page.getByText("Disabled", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Enable Bitbucket" }).click();
  await expect(page.getByText("Bitbucket is Active again.")).toBeVisible();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();

  await page.goto(`/applications/${applicationId}/providers`);
  const listed = page.getByRole("row", { name: /Bitbucket/ });
  await expect(listed).toContainText(replacement.key);
  await expect(listed).toContainText("Active");

  // Delete, after a confirmation that says what depends on it.
  await listed.getByRole("link", { name: "Bitbucket" }).click();
  await page.getByRole("button", { name: "Delete Bitbucket" }).click();
  await expect(page.getByText("No connected accounts depend on them.")).toBeVisible();
  await page.getByRole("button", { name: "Yes, delete bitbucket" }).click();
  await expect(page).toHaveURL(`/applications/${applicationId}/providers`);
  await expect(page.getByText("No providers yet.")).toBeVisible();

  // The secrets were in no page, no server-action answer, and no server log line.
  const bodies = responses();
  // The search covered server-action answers, not only pages.
  expect(bodies.filter((body) => body.includes("Bitbucket accepted these credentials.")).length).toBeGreaterThan(0);
  for (const secret of [consumer.secret, replacement.secret]) {
    expect(bodies.filter((body) => body.includes(secret))).toEqual([]);
    expect(readFileSync(e2e.serverLog, "utf8")).not.toContain(secret);
  }
});

test("a developer of another application gets 404 for its provider pages, and a forged provider id is 404", async ({ browser }) => {
  const { page: owner } = await newDeveloper(browser);
  const consumer = await registerConsumer();
  const applicationId = await createApplication(owner, "Owned App");
  await owner.goto(`/applications/${applicationId}/providers/bitbucket`);
  await owner.getByLabel("Client ID").fill(consumer.key);
  await owner.getByLabel("Client Secret").fill(consumer.secret);
  await owner.getByRole("button", { name: "Save" }).click();
  await expect(owner.getByText("Bitbucket is saved and Active.")).toBeVisible();
  expect((await owner.goto(`/applications/${applicationId}/providers/sourcehut`))?.status()).toBe(404);

  const { page: stranger } = await newDeveloper(browser);
  for (const path of ["/providers", "/providers/new", "/providers/bitbucket"]) {
    const response = await stranger.goto(`/applications/${applicationId}${path}`);
    expect(response?.status(), path).toBe(404);
    await expect(stranger.getByText(consumer.key)).toHaveCount(0);
  }
});

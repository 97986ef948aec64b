// Issue 12, "End users manage their own connections": a backend makes a link to its end user's own
// "Your connected accounts" page, which carries the application's branding, lists only that end
// user's connections, and lets them Disconnect (with a confirmation), Reconnect one that needs it
// and Connect another provider, at a phone's 390 px and without axe-core violations.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { bitbucketConnectedThroughTheApi, connectThroughBitbucket, expect, fakeBitbucket, fakeGitLab, registerGitLabApplication, test } from "./support";

// A logo URL on loopback that the browser never fetches: the test answers it itself.
const LOGO_URL = "https://127.0.0.1:4999/logo.svg";
const LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#0f766e"/></svg>';

async function expectNoSeriousAxeViolation(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id);
  expect(serious).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

test("an end user's page lists only their accounts, disconnects with a confirmation, reconnects and connects another provider", async ({
  browser,
  playwright,
}) => {
  const appName = "Accounts app";
  const { developer, applicationId, consumer, api, endUser, connection } = await bitbucketConnectedThroughTheApi(browser, playwright, appName, "eu-ada");

  // Another end user of the same application connects too: their account never shows on Ada's page.
  const other = (await (await api.post("/api/v1/connect-sessions", { data: { endUserId: "eu-grace", provider: "bitbucket" } })).json()) as {
    connectUrl: string;
  };
  const graceBrowser = await (await browser.newContext()).newPage();
  await connectThroughBitbucket(graceBrowser, other.connectUrl, "grace");
  await expect(graceBrowser.getByRole("heading", { name: `Bitbucket is connected to ${appName}` })).toBeVisible();

  // The developer sets GitLab up too, and brands the page in Settings.
  const gitlab = await registerGitLabApplication();
  await developer.goto(`/applications/${applicationId}/providers/gitlab`);
  await developer.getByLabel("Client ID").fill(gitlab.clientId);
  await developer.getByLabel("Client Secret").fill(gitlab.clientSecret);
  await developer.getByRole("button", { name: "Save" }).click();
  await expect(developer.getByText("GitLab is saved and Active.")).toBeVisible();
  await developer.goto(`/applications/${applicationId}/settings`);
  await developer.getByLabel("Allowed return origins").fill("https://app.example");
  await developer.getByRole("button", { name: "Save allowed origins" }).click();
  await expect(developer.getByText("Saved. Connect sessions may return to https://app.example.")).toBeVisible();
  await developer.getByLabel("Logo URL").fill("http://app.example/logo.svg");
  await developer.getByRole("button", { name: "Save page branding" }).click();
  await expect(developer.getByText("Logo URL must be an https:// URL.")).toBeVisible();
  await developer.getByLabel("Logo URL").fill(LOGO_URL);
  await developer.getByLabel("Accent colour").fill("#0F766E");
  await developer.getByRole("button", { name: "Save page branding" }).click();
  await expect(developer.getByText("Saved. Your end users' connected-accounts page uses it from now on.")).toBeVisible();

  const created = await api.post("/api/v1/end-user-sessions", { data: { endUserId: "eu-ada", returnUrl: "https://app.example/account" } });
  expect(created.status()).toBe(201);
  const { url } = (await created.json()) as { url: string };

  const page = endUser;
  await page.route(LOGO_URL, (route) => route.fulfill({ contentType: "image/svg+xml", body: LOGO_SVG }));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url);
  await expect(page).toHaveTitle(/Your connected accounts/);
  await expect(page.getByRole("heading", { name: "Your connected accounts", level: 1 })).toBeVisible();
  await expect(page.getByRole("img", { name: `${appName} logo` })).toBeVisible();
  const accounts = page.getByRole("list", { name: "Connected accounts" });
  await expect(accounts.getByRole("article")).toHaveCount(1);
  const bitbucket = accounts.getByRole("article", { name: "Bitbucket account Ada Lovelace" });
  await expect(bitbucket.getByText("Connected since")).toBeVisible();
  await expect(bitbucket.getByRole("listitem").first()).toBeVisible();
  await expect(page.getByText(/grace/i)).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Done" })).toHaveAttribute("href", "https://app.example/account");
  // The accent colours the primary buttons.
  await expect(page.getByRole("button", { name: "Connect GitLab" })).toHaveCSS("background-color", "rgb(15, 118, 110)");
  await expectNoSidewaysScroll(page);
  await expectNoSeriousAxeViolation(page);

  // Connect another enabled provider: through the fake GitLab and back to this page.
  await page.getByRole("button", { name: "Connect GitLab" }).click();
  await page.getByLabel("Signed in as").selectOption("ada");
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect(page.getByText("GitLab is connected.")).toBeVisible();
  await expect(accounts.getByRole("article")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Connect GitLab" })).toHaveCount(0);

  // Ada revokes the app at Bitbucket; once the backend's next call finds out, the page offers Reconnect.
  await fakeBitbucket.revokeGrant("ada", consumer.key);
  expect((await api.get(`/api/v1/connections/${connection.id}/proxy/2.0/user`)).status()).toBe(424);
  await page.goto(url);
  await expect(bitbucket.getByText("Bitbucket no longer accepts this connection.", { exact: false })).toBeVisible();
  await expectNoSeriousAxeViolation(page);
  await bitbucket.getByRole("button", { name: "Reconnect Bitbucket" }).click();
  await page.getByLabel("Signed in as").selectOption("ada");
  await page.getByRole("button", { name: "Grant access" }).click();
  await expect(page.getByText("Bitbucket is connected.")).toBeVisible();
  await expect(bitbucket.getByRole("button", { name: "Reconnect Bitbucket" })).toHaveCount(0);
  expect((await api.get(`/api/v1/connections/${connection.id}/token`)).status()).toBe(200);

  // Disconnect GitLab, after confirming: revoked at GitLab, gone from the page, Connect offered again.
  await fakeGitLab.resetStats();
  const gitlabAccount = accounts.getByRole("article", { name: /^GitLab account/ });
  await gitlabAccount.getByRole("button", { name: "Disconnect" }).click();
  const confirm = page.getByRole("dialog", { name: "Disconnect?" });
  await expect(confirm).toContainText(`${appName} will no longer be able to use your GitLab account Ada Lovelace.`);
  await expectNoSeriousAxeViolation(page);
  await confirm.getByRole("button", { name: "Yes, disconnect" }).click();
  await expect(page.getByText("GitLab is disconnected and its tokens are deleted.")).toBeVisible();
  await expect(accounts.getByRole("article")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Connect GitLab" })).toBeVisible();
  expect((await fakeGitLab.stats()).revokeRequests).toBe(1);
  const listed = (await (await api.get("/api/v1/connections?provider=gitlab")).json()) as { data: { status: string }[] };
  expect(listed.data.map((row) => row.status)).toEqual(["revoked"]);
  await expectNoSidewaysScroll(page);

  // A link that is not (or no longer) valid says only that.
  await page.goto(url.replace(/lkeu_.*/, "lkeu_not-a-real-link"));
  await expect(page.getByRole("heading", { name: "This link has expired or is not valid" })).toBeVisible();
  await expectNoSeriousAxeViolation(page);
  await api.dispose();
});

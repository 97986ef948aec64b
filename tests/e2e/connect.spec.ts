// Issue 4 in a real browser: a backend creates a connect session, the end user
// connects Bitbucket (the fake) or fails to, and the developer and the admin
// review the outcome in the portal. Each failure ends in words, with nothing stored.
import type { APIRequestContext, Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { e2e } from "../../playwright.config";
import {
  adminEmail,
  createApiKey,
  createApplication,
  expect,
  fakeBitbucket as fake,
  newDeveloper,
  registerConsumer,
  saveBitbucket,
  signIn,
  test,
} from "./support";

const run = randomBytes(3).toString("hex");
const appName = `Connect Journey ${run}`;
const adaId = `ada-${run}`;
const graceId = `grace-${run}`;
// The developer's own site, where end users come back to: the fake answers 404 there, which is fine, the URL is what counts.
const returnOrigin = e2e.fakeBitbucketUrl;
const returnUrl = `${returnOrigin}/landing?from=latchkey`;

test.describe.serial("connecting Bitbucket and reviewing connected accounts", () => {
  let developer: Page;
  let developerEmail: string;
  let endUser: Page;
  let api: APIRequestContext;
  let applicationId: string;
  let adaConnectionId: string;

  async function connectUrl(body: Record<string, string>): Promise<string> {
    const response = await api.post("/api/v1/connect-sessions", { data: { provider: "bitbucket", ...body } });
    expect(response.status()).toBe(201);
    return ((await response.json()) as { connectUrl: string }).connectUrl;
  }

  async function storedConnections(): Promise<{ id: string; endUserId: string; status: string }[]> {
    const response = await api.get("/api/v1/connections");
    expect(response.status()).toBe(200);
    return ((await response.json()) as { data: { id: string; endUserId: string; status: string }[] }).data;
  }

  /** From the connect page through the fake's authorize page; returns the callback URL Bitbucket sent the browser to. */
  async function throughBitbucket(link: string, account: "ada" | "grace", decision: "Grant access" | "Deny"): Promise<string> {
    await endUser.goto(link);
    await endUser.getByRole("button", { name: "Connect Bitbucket" }).click();
    await endUser.getByLabel("Signed in as").selectOption(account);
    const callback = endUser.waitForRequest((request) => request.url().startsWith(`${e2e.portalUrl}/api/oauth/bitbucket/callback`));
    await endUser.getByRole("button", { name: decision }).click();
    return (await callback).url();
  }

  test.beforeAll(async ({ browser, playwright }) => {
    ({ page: developer, email: developerEmail } = await newDeveloper(browser));
    applicationId = await createApplication(developer, appName);
    await saveBitbucket(developer, applicationId, await registerConsumer(["account", "repository", "pullrequest"]), "Bitbucket is saved and Active.");
    const apiKey = await createApiKey(developer, applicationId);
    api = await playwright.request.newContext({ baseURL: e2e.portalUrl, extraHTTPHeaders: { Authorization: `Bearer ${apiKey}` } });
    endUser = await (await browser.newContext()).newPage();
  });

  test.afterAll(async () => {
    await fake.clearFailures();
    await api?.dispose();
  });

  test("the developer allows a return origin in Settings; a bad one is refused beside the field and what was typed stays", async () => {
    await developer.goto(`/applications/${applicationId}`);
    await developer.getByRole("navigation", { name: "Application" }).getByRole("link", { name: "Settings" }).click();
    const origins = developer.getByLabel("Allowed return origins");
    await origins.fill(`${returnOrigin}\nhttps://app.example/settings`);
    await developer.getByRole("button", { name: "Save allowed origins" }).click();
    await expect(origins).toHaveAccessibleDescription(/must be an origin only/);
    await expect(origins).toHaveValue(`${returnOrigin}\nhttps://app.example/settings`);

    await origins.fill(returnOrigin);
    await developer.getByRole("button", { name: "Save allowed origins" }).click();
    await expect(developer.getByText(`Saved. Connect sessions may return to ${returnOrigin}.`)).toBeVisible();
    await developer.reload();
    await expect(developer.getByLabel("Allowed return origins")).toHaveValue(returnOrigin);
    await expect(developer.getByLabel("API base URL", { exact: true })).toHaveValue(`${e2e.portalUrl}/api/v1`);
    await expect(developer.getByText(`curl -X POST ${e2e.portalUrl}/api/v1/connect-sessions`)).toBeVisible();

    // Any other origin is refused: no open redirect through a connect link.
    const refused = await api.post("/api/v1/connect-sessions", { data: { provider: "bitbucket", endUserId: adaId, returnUrl: "https://evil.example/steal" } });
    expect(refused.status()).toBe(400);
  });

  test("API → connect page → Connect Bitbucket → Grant access → back on the return URL; the portal and the API show the account", async () => {
    const link = await connectUrl({ endUserId: adaId, returnUrl });
    await endUser.goto(link);
    await expect(endUser.getByRole("heading", { name: `Connect Bitbucket to ${appName}` })).toBeVisible();
    for (const scope of ["account", "repository"]) await expect(endUser.getByRole("listitem").filter({ hasText: scope }).first()).toBeVisible();

    await throughBitbucket(link, "ada", "Grant access");
    await endUser.waitForURL((url) => url.href.startsWith(`${returnOrigin}/landing`));
    const landing = new URL(endUser.url());
    expect(landing.searchParams.get("status")).toBe("success");
    expect(landing.searchParams.get("from")).toBe("latchkey");
    adaConnectionId = landing.searchParams.get("connectionId")!;
    expect(adaConnectionId).toMatch(/^conn_/);

    await developer.goto(`/applications/${applicationId}`);
    await developer.getByRole("navigation", { name: "Application" }).getByRole("link", { name: "Connections" }).click();
    const row = developer.getByRole("table", { name: "Connections" }).getByRole("row").filter({ hasText: adaId });
    await expect(row).toContainText("Ada Lovelace");
    await expect(row).toContainText("@ada");
    for (const scope of ["account", "repository", "pullrequest"]) await expect(row).toContainText(scope);
    await expect(row).toContainText("Active");
    await expect(row).not.toContainText("Missing scopes");

    const metadata = await api.get(`/api/v1/connections/${adaConnectionId}`);
    expect(metadata.status()).toBe(200);
    const body = await metadata.json();
    expect(body).toMatchObject({
      id: adaConnectionId,
      endUserId: adaId,
      status: "active",
      account: { login: "ada", displayName: "Ada Lovelace" },
      missingScopes: [],
    });
    expect([...body.grantedScopes].sort()).toEqual(["account", "pullrequest", "repository"]);
    expect(JSON.stringify(body)).not.toMatch(/accessToken|refreshToken/);
  });

  test("the callback URL used again, and the connect link opened again, are refused in words; nothing more is stored", async () => {
    const link = await connectUrl({ endUserId: adaId, returnUrl });
    const callbackUrl = await throughBitbucket(link, "ada", "Grant access");
    await endUser.waitForURL((url) => url.searchParams.get("status") === "success");
    const before = await storedConnections();

    await endUser.goto(callbackUrl);
    await endUser.waitForURL((url) => url.href.startsWith(`${returnOrigin}/landing`) && url.searchParams.get("status") === "error");
    expect(new URL(endUser.url()).searchParams.get("error")).toBe("state_used");

    await endUser.goto(link);
    await expect(endUser.getByRole("heading", { name: "This connect link was already used" })).toBeVisible();
    await expect(endUser.getByRole("button", { name: "Connect Bitbucket" })).toHaveCount(0);
    expect(await storedConnections()).toEqual(before);
  });

  test("Deny, and Bitbucket down at the token endpoint, end in words with nothing stored; the developer sees both in the portal", async () => {
    const before = await storedConnections();

    await throughBitbucket(await connectUrl({ endUserId: `deny-${run}` }), "ada", "Deny");
    await expect(endUser.getByRole("heading", { name: "Nothing was connected" })).toBeVisible();
    await expect(endUser.getByText("You chose not to give access, so nothing was connected.")).toBeVisible();

    await fake.failNext("token", { status: 503, body: "<h1>Service unavailable</h1>" });
    try {
      await throughBitbucket(await connectUrl({ endUserId: `down-${run}` }), "ada", "Grant access");
      await expect(endUser.getByText("Bitbucket is not answering right now. Nothing was connected; please try again in a few minutes.")).toBeVisible();
    } finally {
      await fake.clearFailures();
    }
    expect(await storedConnections()).toEqual(before);

    await developer.goto(`/applications/${applicationId}/connections`);
    const failures = developer.getByRole("region", { name: "Recent connect failures" });
    await expect(failures.getByRole("listitem").filter({ hasText: `deny-${run}` })).toContainText("access_denied");
    await expect(failures.getByRole("listitem").filter({ hasText: `deny-${run}` })).toContainText("You chose not to give access");
    await expect(failures.getByRole("listitem").filter({ hasText: `down-${run}` })).toContainText("Bitbucket is not answering right now");
    await expect(failures.getByRole("listitem").filter({ hasText: "state_used" })).toContainText(adaId);
  });

  test("missing scopes: the end user reads which, the connection is stored, and the portal shows the badge", async () => {
    await saveBitbucket(developer, applicationId, await registerConsumer(["account"]), "Changes saved.");
    await throughBitbucket(await connectUrl({ endUserId: graceId, returnUrl }), "grace", "Grant access");
    await expect(endUser.getByRole("heading", { name: `Bitbucket is connected to ${appName}` })).toBeVisible();
    const missing = endUser.getByRole("region", { name: "Missing permissions" });
    await expect(missing.getByRole("listitem")).toHaveText([/repository — Read access to your repositories/]);
    const onward = new URL((await endUser.getByRole("link", { name: `Continue to ${appName}` }).getAttribute("href"))!);
    expect(onward.searchParams.get("status")).toBe("success");
    expect(onward.searchParams.get("missingScopes")).toBe("repository");

    await developer.goto(`/applications/${applicationId}/connections`);
    const row = developer.getByRole("table", { name: "Connections" }).getByRole("row").filter({ hasText: graceId });
    await expect(row).toContainText("Grace Hopper");
    await expect(row).toContainText("Missing scopes: repository");
    expect((await storedConnections()).map((connection) => connection.endUserId).sort()).toEqual([adaId, graceId].sort());
  });

  test("the developer filters the list, disconnects with confirmation, and the API says revoked", async () => {
    const page = developer;
    const rows = page.getByRole("table", { name: "Connections" }).getByRole("row");
    await page.goto(`/applications/${applicationId}/connections`);
    await page.getByLabel("Search").fill(graceId);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(rows).toHaveCount(2); // the header and Grace
    await expect(rows.nth(1)).toContainText(graceId);

    await page.getByRole("link", { name: "Clear filters" }).click();
    await rows.getByRole("link", { name: adaId }).click();
    await expect(page.getByRole("heading", { name: `Connection of ${adaId}` })).toBeVisible();
    await expect(page.getByText("@ada")).toBeVisible();
    await expect(page.getByRole("table", { name: "Audit events" })).toContainText(`End user ${adaId} connected Bitbucket · ada (${adaId})`);

    await page.getByRole("button", { name: "Disconnect", exact: true }).click();
    await expect(page.getByText(`Disconnect Ada Lovelace's Bitbucket account?`)).toBeVisible();
    await page.getByRole("button", { name: "Yes, disconnect" }).click();
    await expect(page.getByText("This connection is revoked: its tokens are deleted.")).toBeVisible();
    await expect(page.getByText("Revoked", { exact: true })).toBeVisible();
    await expect(page.getByRole("table", { name: "Audit events" })).toContainText(`${developerEmail} disconnected Bitbucket · ada (${adaId})`);

    expect((await (await api.get(`/api/v1/connections/${adaConnectionId}`)).json()).status).toBe("revoked");

    await page.goto(`/applications/${applicationId}/connections`);
    await page.getByLabel("Status").selectOption({ label: "Revoked" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(adaId);
  });

  test("the admin sees the connection and its events across applications; a developer gets 404 in the admin area", async ({ browser }) => {
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, adminEmail());
    await expect(admin.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();
    await admin.goto("/admin");
    await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Connections" }).click();
    await admin.getByLabel("Search").fill(adaId);
    await admin.getByRole("button", { name: "Apply filters" }).click();
    const row = admin.getByRole("table", { name: "Connections" }).getByRole("row").filter({ hasText: adaId });
    await expect(row).toContainText(appName);
    await expect(row).toContainText("Ada Lovelace");
    await expect(row).toContainText("Revoked");

    await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" }).click();
    await admin.getByLabel("Action").selectOption({ label: "Account disconnected" });
    await admin.getByRole("button", { name: "Apply filters" }).click();
    const event = admin.getByRole("table", { name: "Audit events" }).getByRole("row").filter({ hasText: adaId });
    await expect(event).toContainText(appName);
    await expect(event).toContainText(`${developerEmail} disconnected Bitbucket · ada (${adaId})`);
    await admin.context().close();

    for (const path of ["/admin/connections", "/admin/audit"]) expect((await developer.goto(path))?.status(), path).toBe(404);
  });
});

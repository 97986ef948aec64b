// What end-to-end tests do again and again, the way a person does it.
import { expect, test as base, type APIRequest, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { e2e } from "../../playwright.config";
import { fakeBitbucketControl } from "../fakes/bitbucket/control";
import { fakeGitHubControl } from "../fakes/github/control";
import { fakeGitLabControl } from "../fakes/gitlab/control";

export const fakeBitbucket = fakeBitbucketControl(e2e.fakeBitbucketUrl);
export const fakeGitLab = fakeGitLabControl(e2e.fakeGitLabUrl);
export const fakeGitHub = fakeGitHubControl(e2e.fakeGitHubUrl);

/** Content-Security-Policy violations seen by any page of this worker since the last test ended. */
const cspViolations: string[] = [];

/** The violations recorded so far, forgotten once taken. */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

/** Records every CSP violation in the context's pages: the DOM event, and Chromium's console line. */
async function watchCspViolations(context: BrowserContext): Promise<void> {
  await context.exposeBinding("__latchkeyCspViolation", ({ page }, report: string) => {
    cspViolations.push(`${page.url()}: ${report}`);
  });
  // Init scripts run before the page's own and are not subject to its CSP.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __latchkeyCspViolation: (report: string) => void }).__latchkeyCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || "(none)"}${event.sourceFile ? ` (${event.sourceFile}:${event.lineNumber})` : ""}`);
    });
  });
  context.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
  });
}

/**
 * Every spec's `test`: the portal runs with its CSP on, and a test fails if any page broke it,
 * in its own contexts or in those the spec's hooks opened with `browser.newContext()`.
 */
export const test = base.extend<{ noCspViolations: void }, { cspWatch: void }>({
  cspWatch: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        await watchCspViolations(context);
        return context;
      };
      await use();
    },
    { scope: "worker", auto: true },
  ],
  noCspViolations: [
    async ({}, use) => {
      await use();
      expect(takeCspViolations(), "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** A new OAuth consumer at the fake Bitbucket, pointing at the portal's Redirect URI. */
export async function registerConsumer(permissions = ["account", "repository", "pullrequest"]) {
  const consumer = {
    key: `e2e-key-${randomBytes(4).toString("hex")}`,
    secret: `e2e-secret-${randomBytes(12).toString("hex")}`,
    callbackUrl: `${e2e.portalUrl}/api/oauth/bitbucket/callback`,
    permissions,
  };
  await fakeBitbucket.addConsumer(consumer);
  return consumer;
}

/** A new OAuth application at the fake GitLab, pointing at the portal's Redirect URI. */
export async function registerGitLabApplication(scopes = ["api", "read_api", "read_user"]) {
  const application = { applicationId: `e2e-gl-${randomBytes(4).toString("hex")}`, secret: `gloas-${randomBytes(12).toString("hex")}` };
  await fakeGitLab.addApplication({ ...application, name: "Latchkey e2e", redirectUris: [`${e2e.portalUrl}/api/oauth/gitlab/callback`], scopes });
  return { clientId: application.applicationId, clientSecret: application.secret };
}

/** A new OAuth App at the fake GitHub, pointing at the portal's Redirect URI. */
export async function registerGitHubApplication() {
  const application = { clientId: `e2e-gh-${randomBytes(4).toString("hex")}`, clientSecret: `e2e-gh-secret-${randomBytes(12).toString("hex")}` };
  await fakeGitHub.addApplication({ ...application, name: "Latchkey e2e", callbackUrl: `${e2e.portalUrl}/api/oauth/github/callback` });
  return application;
}

export const PASSWORD = "a long enough passphrase";

export function uniqueEmail(who: string): string {
  return `${who}-${randomBytes(3).toString("hex")}@example.test`;
}

export async function signUp(page: Page, email: string, invitationLink?: string): Promise<void> {
  await page.goto(invitationLink ?? "/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The admin created by global setup (the first account). */
export function adminEmail(): string {
  return JSON.parse(readFileSync(e2e.adminStateFile, "utf8")).email as string;
}

/** A new developer, invited by the admin through the Admin area, signed in on a fresh page. */
export async function newDeveloper(browser: Browser): Promise<{ page: Page; email: string }> {
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, adminEmail());
  await expect(adminPage.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();
  await adminPage.goto("/admin/users");
  await adminPage.getByRole("button", { name: "Create invitation link" }).click();
  const link = await adminPage.getByLabel("Invitation link", { exact: true }).inputValue();
  await adminContext.close();

  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  const email = uniqueEmail("dev");
  await signUp(page, email, link);
  return { page, email };
}

export async function createApplication(page: Page, name: string): Promise<string> {
  await page.goto("/applications");
  await page.getByLabel("Application name").fill(name);
  await page.getByRole("button", { name: "Create application" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  return page.url().split("/applications/")[1]!.split("/")[0]!;
}

export async function createApiKey(page: Page, applicationId: string, name = "backend"): Promise<string> {
  await page.goto(`/applications/${applicationId}/api-keys`);
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create API key" }).click();
  const key = await page.getByLabel("API key", { exact: true }).inputValue();
  expect(key).toMatch(/^lk_/);
  return key;
}

/** Sets up Bitbucket for an application through the provider page, requiring account and repository. */
export async function saveBitbucket(
  page: Page,
  applicationId: string,
  consumer: { key: string; secret: string },
  confirmation = "Bitbucket is saved and Active.",
): Promise<void> {
  await page.goto(`/applications/${applicationId}/providers/bitbucket`);
  await page.getByLabel("Client ID").fill(consumer.key);
  await page.getByLabel("Client Secret").fill(consumer.secret);
  await page.getByRole("checkbox", { name: "repository", exact: true }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(confirmation)).toBeVisible();
}

/**
 * A developer with an application whose end user "ada" has connected Bitbucket through a connect
 * link from the API: the developer's page, the application, its consumer, an API client with the
 * application's key, and the connection as the API lists it.
 */
export async function bitbucketConnectedThroughTheApi(browser: Browser, playwright: { request: APIRequest }, applicationName: string, endUserId: string) {
  const { page: developer } = await newDeveloper(browser);
  const applicationId = await createApplication(developer, applicationName);
  const consumer = await registerConsumer(["account", "repository"]);
  await saveBitbucket(developer, applicationId, consumer);
  const apiKey = await createApiKey(developer, applicationId);
  const api = await playwright.request.newContext({ baseURL: e2e.portalUrl, extraHTTPHeaders: { Authorization: `Bearer ${apiKey}` } });

  const session = (await (await api.post("/api/v1/connect-sessions", { data: { endUserId, provider: "bitbucket" } })).json()) as { connectUrl: string };
  const endUser = await (await browser.newContext()).newPage();
  await connectThroughBitbucket(endUser, session.connectUrl, "ada");
  await expect(endUser.getByRole("heading", { name: `Bitbucket is connected to ${applicationName}` })).toBeVisible();
  const [connection] = ((await (await api.get("/api/v1/connections")).json()) as { data: { id: string }[] }).data;
  return { developer, applicationId, consumer, api, endUser, connection: connection! };
}

/** An end user goes from a connect link through the fake's authorize page. */
export async function connectThroughBitbucket(
  page: Page,
  connectUrl: string,
  account: "ada" | "grace",
  decision: "Grant access" | "Deny" = "Grant access",
): Promise<void> {
  await page.goto(connectUrl);
  await page.getByRole("button", { name: "Connect Bitbucket" }).click();
  await page.getByLabel("Signed in as").selectOption(account);
  await page.getByRole("button", { name: decision }).click();
}

// Issue 11, "Everywhere": every page of the portal and of the hosted end-user pages, at a desktop
// width and at a phone's 390 px, has no axe-core violation of impact serious or critical and never
// scrolls sideways. Then what tells you where you are: the header's Menu at 390 px, the current
// tab, page titles, the skip link and the 404 page's way back.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { e2e } from "../../playwright.config";
import { adminEmail, connectThroughBitbucket, createApiKey, createApplication, expect, registerConsumer, saveBitbucket, signIn, test } from "./support";

const appName = `Everywhere ${randomBytes(3).toString("hex")}`;

/**
 * What the pages below need: an application with Bitbucket set up, one connection, an unused
 * connect link, where the end user landed, the end user's connected-accounts link and a webhook endpoint.
 */
type Seed = { applicationId: string; connectionId: string; connectUrl: string; resultUrl: string; accountsUrl: string; endpointPath: string };

type Visit = {
  name: string;
  /** Signed out (the sign-in and hosted pages) or as the admin, who sees every portal page. */
  as: "visitor" | "admin";
  path: (seed: Seed) => string;
  status?: number;
};

const app = (seed: Seed) => `/applications/${seed.applicationId}`;

// One line per page: a page added to the portal is added here.
const pages: Visit[] = [
  { name: "sign in", as: "visitor", path: () => "/sign-in" },
  { name: "sign up", as: "visitor", path: () => "/sign-up" },
  { name: "hosted connect page", as: "visitor", path: (seed) => seed.connectUrl },
  { name: "connect result", as: "visitor", path: (seed) => seed.resultUrl },
  { name: "end user's connected accounts", as: "visitor", path: (seed) => seed.accountsUrl },
  { name: "unknown address (404)", as: "visitor", path: () => "/no-such-page", status: 404 },
  { name: "applications", as: "admin", path: () => "/applications" },
  { name: "overview", as: "admin", path: app },
  { name: "API keys", as: "admin", path: (seed) => `${app(seed)}/api-keys` },
  { name: "providers", as: "admin", path: (seed) => `${app(seed)}/providers` },
  { name: "new provider", as: "admin", path: (seed) => `${app(seed)}/providers/new` },
  { name: "provider page", as: "admin", path: (seed) => `${app(seed)}/providers/bitbucket` },
  { name: "connections", as: "admin", path: (seed) => `${app(seed)}/connections` },
  { name: "connection page", as: "admin", path: (seed) => `${app(seed)}/connections/${seed.connectionId}` },
  { name: "test connection that failed", as: "admin", path: (seed) => `${app(seed)}/connections/connected?error=access_denied&provider=bitbucket` },
  { name: "requests", as: "admin", path: (seed) => `${app(seed)}/requests` },
  { name: "webhooks", as: "admin", path: (seed) => `${app(seed)}/webhooks` },
  { name: "webhook endpoint", as: "admin", path: (seed) => seed.endpointPath },
  { name: "settings", as: "admin", path: (seed) => `${app(seed)}/settings` },
  { name: "admin accounts", as: "admin", path: () => "/admin/users" },
  { name: "admin connections", as: "admin", path: () => "/admin/connections" },
  { name: "admin audit log", as: "admin", path: () => "/admin/audit" },
  { name: "missing connection (404 in the portal)", as: "admin", path: (seed) => `${app(seed)}/connections/no-such-connection`, status: 404 },
];

const widths = [1280, 390];

let seed: Seed;
const signedIn: Partial<Record<Visit["as"], Page>> = {};

async function pageFor(browser: Browser, as: Visit["as"]): Promise<Page> {
  if (!signedIn[as]) {
    const page = await (await browser.newContext()).newPage();
    if (as === "admin") {
      await signIn(page, adminEmail());
      await expect(page.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();
    }
    signedIn[as] = page;
  }
  return signedIn[as];
}

test.beforeAll(async ({ browser, playwright }) => {
  const admin = await pageFor(browser, "admin");
  const applicationId = await createApplication(admin, appName);
  await saveBitbucket(admin, applicationId, await registerConsumer(["account", "repository"]));
  const api = await playwright.request.newContext({
    baseURL: e2e.portalUrl,
    extraHTTPHeaders: { Authorization: `Bearer ${await createApiKey(admin, applicationId)}` },
  });
  const connectUrl = async (endUserId: string) =>
    ((await (await api.post("/api/v1/connect-sessions", { data: { endUserId, provider: "bitbucket" } })).json()) as { connectUrl: string }).connectUrl;

  const endUser = await (await browser.newContext()).newPage();
  await connectThroughBitbucket(endUser, await connectUrl("user-42"), "ada");
  await expect(endUser.getByRole("heading", { name: `Bitbucket is connected to ${appName}` })).toBeVisible();
  const [connection] = ((await (await api.get("/api/v1/connections")).json()) as { data: { id: string }[] }).data;
  // A call through the proxy, for the request log.
  expect((await api.get(`/api/v1/connections/${connection!.id}/proxy/2.0/user`)).status()).toBe(200);
  const accounts = (await (await api.post("/api/v1/end-user-sessions", { data: { endUserId: "user-42" } })).json()) as { url: string };

  // Nothing listens on the discard port: the endpoint page has something to show, no receiver is needed.
  await admin.goto(`/applications/${applicationId}/webhooks`);
  await admin.getByLabel("Endpoint URL").fill("http://127.0.0.1:9/hooks");
  await admin.getByRole("button", { name: "Add endpoint" }).click();
  const endpointPath = (await admin.getByRole("list", { name: "Endpoints" }).getByRole("link", { name: "http://127.0.0.1:9/hooks" }).getAttribute("href"))!;

  seed = {
    applicationId,
    connectionId: connection!.id,
    connectUrl: await connectUrl("user-7"),
    resultUrl: endUser.url(),
    accountsUrl: accounts.url,
    endpointPath,
  };
  await endUser.context().close();
  await api.dispose();
});

for (const width of widths) {
  test.describe(`at ${width} px`, () => {
    for (const visit of pages) {
      test(`${visit.name}: no serious or critical axe violation, no sideways scroll`, async ({ browser }) => {
        const page = await pageFor(browser, visit.as);
        await page.setViewportSize({ width, height: 844 });
        const response = await page.goto(visit.path(seed));
        expect(response?.status()).toBe(visit.status ?? 200);
        await expect(page.getByRole("main")).toBeVisible();

        const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
        expect.soft(scrollWidth, "the page's width").toBeLessThanOrEqual(innerWidth);

        const { violations } = await new AxeBuilder({ page }).analyze();
        const serious = violations
          .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
          .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
        expect(serious).toEqual([]);
      });
    }
  });
}

test.describe("where you are", () => {
  test("at 390 px the header's links fold behind a Menu button that says whether it is open", async ({ browser }) => {
    const page = await pageFor(browser, "admin");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app(seed)}/connections`);
    const menu = page.getByRole("button", { name: "Menu" });
    const main = page.getByRole("navigation", { name: "Main" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(main.getByRole("link", { name: "Admin" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();

    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();

    await menu.click();
    await main.getByRole("link", { name: "Admin" }).click();
    await expect(page.getByRole("heading", { name: "Admin", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");
  });

  test("the current tab and header link are marked aria-current and look it; the title names the page and the application", async ({ browser }) => {
    const page = await pageFor(browser, "admin");
    await page.setViewportSize({ width: 1280, height: 844 });
    await page.goto(`${app(seed)}/connections/${seed.connectionId}`);
    const tabs = page.getByRole("navigation", { name: "Application" });
    await expect(tabs.getByRole("link", { name: "Connections" })).toHaveAttribute("aria-current", "page");
    await expect(tabs.locator("[aria-current]")).toHaveCount(1);
    const look = (name: string) =>
      tabs.getByRole("link", { name }).evaluate((link) => {
        const style = getComputedStyle(link);
        return `${style.color} ${style.borderBottomColor}`;
      });
    expect(await look("Connections"), "the current tab's colour and underline").not.toBe(await look("Overview"));
    expect(await look("Overview")).toBe(await look("Settings"));
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Applications" })).toHaveAttribute("aria-current", "page");
    await expect(page).toHaveTitle(`Connection · ${appName} · Latchkey`);

    await tabs.getByRole("link", { name: "Overview" }).click();
    await expect(tabs.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    await expect(page).toHaveTitle(`Overview · ${appName} · Latchkey`);
    await page.goto(`${app(seed)}/providers/bitbucket`);
    await expect(page).toHaveTitle(`Bitbucket · ${appName} · Latchkey`);

    await page.goto("/admin/audit");
    await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveAttribute("aria-current", "page");
    await expect(page).toHaveTitle("Audit log · Admin · Latchkey");
  });

  test("Skip to content is the first thing the keyboard reaches, and it lands on the page's content", async ({ browser }) => {
    const page = await pageFor(browser, "admin");
    await page.goto(`${app(seed)}/api-keys`);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#content$/);
    await page.keyboard.press("Tab");
    // The next stop is inside the main content, past the header's links and Sign out.
    expect(await page.evaluate(() => document.getElementById("content")?.contains(document.activeElement))).toBe(true);
  });

  test("a page that does not exist says so and links back, in the portal and outside it", async ({ browser }) => {
    const admin = await pageFor(browser, "admin");
    await admin.goto(`${app(seed)}/connections/no-such-connection`);
    await expect(admin.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
    await expect(admin.getByRole("button", { name: "Sign out" })).toBeVisible();
    await admin.getByRole("link", { name: "Back to applications" }).click();
    await expect(admin.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();

    const visitor = await pageFor(browser, "visitor");
    await visitor.goto("/no-such-page");
    await expect(visitor.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
    await expect(visitor.getByRole("link", { name: "Back to applications" })).toBeVisible();
  });
});

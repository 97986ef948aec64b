import type { BrowserContext, Page } from "@playwright/test";
import { e2e } from "../../playwright.config";
import { adminEmail, expect, newDeveloper, PASSWORD, signIn, test, uniqueEmail } from "./support";

const portal = new URL(e2e.portalUrl);

/** Aborts, before it leaves the browser, every request to a host other than the portal's; returns what was tried. */
async function keepOnPortal(context: BrowserContext): Promise<string[]> {
  const elsewhere: string[] = [];
  await context.route(
    (url) => url.host !== portal.host,
    (route) => {
      elsewhere.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  return elsewhere;
}

async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
}

for (const callbackUrl of ["/\\evil.example/x", "/\t/evil.example/x", "/\r\n/evil.example/x"]) {
  test(`after sign-in with callbackUrl=${JSON.stringify(callbackUrl)} the browser stays on the portal's /applications`, async ({ browser }) => {
    const context = await browser.newContext();
    const elsewhere = await keepOnPortal(context);
    const page = await context.newPage();
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await submitSignIn(page, adminEmail(), PASSWORD);
    await expect(page).toHaveURL(`${e2e.portalUrl}/applications`);
    await expect(page.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();
    expect(elsewhere).toEqual([]);
    await context.close();
  });
}

test("after sign-out, a copy of the session cookie opens nothing: not a page, not a server action, not /api/auth/session", async ({ browser }) => {
  const { page, email } = await newDeveloper(browser);
  const cookie = (await page.context().cookies()).find((candidate) => candidate.name === "next-auth.session-token");
  expect(cookie).toBeDefined();

  const thief = await browser.newContext();
  await thief.addCookies([cookie!]);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/applications");
  await expect(thiefPage.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // A form the copy loaded while the session was alive: its server action is refused.
  await thiefPage.getByLabel("Application name").fill("Made with a copied cookie");
  await thiefPage.getByRole("button", { name: "Create application" }).click();
  await expect(thiefPage).toHaveURL(/\/sign-in/);
  await thiefPage.goto("/applications");
  await expect(thiefPage).toHaveURL(/\/sign-in/);
  // Send exactly the copied cookie, whatever the answers above did to the jar.
  await thief.clearCookies();
  await thief.addCookies([cookie!]);
  const session = await thief.request.get("/api/auth/session");
  expect(await session.json()).toEqual({});
  // Not renewed: the answer only deletes the cookie.
  const renewed = session.headersArray().filter((header) => header.name.toLowerCase() === "set-cookie" && /^next-auth\.session-token=[^;]/.test(header.value));
  expect(renewed).toEqual([]);
  await thief.close();

  await signIn(page, email);
  await expect(page.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();
  await expect(page.getByText("Made with a copied cookie")).toHaveCount(0);
});

test("a throttled sign-in says so in its own words", async ({ page }) => {
  const email = uniqueEmail("guessed");
  await page.goto("/sign-in");
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await submitSignIn(page, email, "not the password at all");
    await expect(page.getByText("That email and password do not match an active account.")).toBeVisible();
  }
  await submitSignIn(page, email, "not the password at all");
  await expect(page.getByText(/^Too many attempts; try again in \d+ seconds\.$/)).toBeVisible();
});

test("a sign-in whose request never reaches the server says so and can be tried again", async ({ page }) => {
  // The connection drops on the way: the browser's fetch rejects, no answer comes back.
  await page.route("**/api/auth/callback/credentials", (route) => route.abort("connectionrefused"));
  await signIn(page, adminEmail());
  await expect(page.getByText("Latchkey could not be reached. Please try again.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
});

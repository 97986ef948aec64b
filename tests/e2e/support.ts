// What end-to-end tests do again and again, the way a person does it.
import { expect, type Browser, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { e2e } from "../../playwright.config";

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

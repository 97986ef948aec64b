// The first account becomes the admin: create it once, through the sign-up page.
import { chromium, type FullConfig } from "@playwright/test";
import { writeFileSync } from "node:fs";
import { e2e } from "../../playwright.config";
import { PASSWORD, uniqueEmail } from "./support";

export default async function globalSetup(config: FullConfig): Promise<void> {
  const browser = await chromium.launch(config.projects[0]!.use.launchOptions);
  const page = await browser.newPage({ baseURL: e2e.portalUrl });
  const email = uniqueEmail("admin");
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Applications", level: 1 }).waitFor();
  writeFileSync(e2e.adminStateFile, JSON.stringify({ email }));
  await browser.close();
}

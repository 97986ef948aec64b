// Issue 10's request log in a real browser: a backend makes proxied calls with its
// API key; the connection's page lists them newest first with a working status
// filter, and the application's Requests tab lists them linked to the connection.
import type { Page } from "@playwright/test";
import { bitbucketConnectedThroughTheApi, expect, fakeBitbucket, test } from "./support";

/** The Status column of the calls table, top to bottom (its code, before any words); read with expect.poll, as the page may still show its loading state. */
async function statuses(page: Page): Promise<string[]> {
  const table = page.getByRole("table", { name: "Proxied calls" });
  const column = (await table.getByRole("columnheader").allInnerTexts()).indexOf("Status") + 1;
  const cells = await table.locator(`tbody td:nth-child(${column})`).allInnerTexts();
  return cells.map((text) => text.split(/\D/)[0]!);
}

test("proxied calls appear newest first on the connection's page, filter by status class, and on the Requests tab linked to their connection", async ({
  browser,
  playwright,
}) => {
  const { developer, applicationId, api, connection } = await bitbucketConnectedThroughTheApi(browser, playwright, "Call maker", "caller-1");
  const proxy = `/api/v1/connections/${connection.id}/proxy`;

  expect((await api.get(`${proxy}/2.0/user?fields=nickname-secret-value`)).status()).toBe(200);
  expect((await api.get(`${proxy}/2.0/no-such-resource`)).status()).toBe(404);
  await fakeBitbucket.failNext("api", { status: 500 });
  expect((await api.get(`${proxy}/2.0/user`)).status()).toBe(500);

  // The row is written as the call ends, beside the answer: wait until the API lists all three.
  await expect
    .poll(async () =>
      ((await (await api.get(`/api/v1/connections/${connection.id}/requests`)).json()) as { data: { status: number }[] }).data.map((row) => row.status),
    )
    .toEqual([500, 404, 200]);

  await developer.goto(`/applications/${applicationId}/connections/${connection.id}`);
  const recent = developer.getByRole("region", { name: "Recent calls" });
  await expect(recent.getByRole("table", { name: "Proxied calls" })).toBeVisible();
  await expect.poll(() => statuses(developer)).toEqual(["500", "404", "200"]);
  await expect(recent.getByText("2.0/user?fields=", { exact: true })).toBeVisible();
  await expect(recent.getByText("API key backend").first()).toBeVisible();
  expect(await developer.content()).not.toContain("nickname-secret-value");

  const filter = recent.getByRole("form", { name: "Filter recent calls" });
  await filter.getByLabel("Status").selectOption("4xx");
  await filter.getByRole("button", { name: "Show calls" }).click();
  await expect(developer).toHaveURL(/callsStatus=4xx/);
  await expect.poll(() => statuses(developer)).toEqual(["404"]);
  await expect(recent.getByText("2.0/no-such-resource", { exact: true })).toBeVisible();

  await developer.getByRole("navigation", { name: "Application" }).getByRole("link", { name: "Requests" }).click();
  await expect(developer).toHaveURL(new RegExp(`/applications/${applicationId}/requests$`));
  await expect.poll(() => statuses(developer)).toEqual(["500", "404", "200"]);
  const requests = developer.getByRole("table", { name: "Proxied calls" });
  await expect(requests.getByRole("link", { name: "caller-1 · Bitbucket" })).toHaveCount(3);
  await requests.getByRole("link", { name: "caller-1 · Bitbucket" }).first().click();
  await expect(developer).toHaveURL(new RegExp(`/applications/${applicationId}/connections/${connection.id}$`));
  await api.dispose();
});

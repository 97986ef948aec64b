// Issue 11, the review an admin does, in a real browser: the audit log in words and its
// filters, finding a connection by part of what one remembers and reading why it needs
// re-authorization, confirmations as dialogs and row actions in menus by keyboard, and
// invitations from pending to used or revoked.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { adminEmail, bitbucketConnectedThroughTheApi, expect, fakeBitbucket, signIn, test, uniqueEmail } from "./support";

const run = randomBytes(3).toString("hex");
const endUserId = `customer-${run}-review`;

function utcDay(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 24 * 60 * 60_000).toISOString().slice(0, 10);
}

/** No axe-core violation of impact serious or critical in what the page shows now (an open menu, an outcome). */
async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function signedInAdmin(page: Page): Promise<void> {
  await signIn(page, adminEmail());
  await expect(page.getByRole("heading", { name: "Applications", level: 1 })).toBeVisible();
}

test.describe.serial("an admin reviews the vault", () => {
  let developer: Page;
  let admin: Page;
  let api: APIRequestContext;
  let applicationId: string;
  let consumerKey: string;
  let connectionId: string;

  test.beforeAll(async ({ browser, playwright }) => {
    const connected = await bitbucketConnectedThroughTheApi(browser, playwright, `Review ${run}`, endUserId);
    ({ developer, applicationId, api } = connected);
    consumerKey = connected.consumer.key;
    connectionId = connected.connection.id;
    admin = await (await browser.newContext()).newPage();
    await signedInAdmin(admin);
  });

  test.afterAll(async () => {
    await api?.dispose();
  });

  test("the audit log reads as sentences with no JSON, filtered by action, part of a word and a date range kept in the URL", async () => {
    expect((await api.get(`/api/v1/connections/${connectionId}/token`)).status()).toBe(200);

    await admin.goto("/admin/audit");
    const cells = admin.getByRole("table", { name: "Audit events" }).getByRole("cell");
    for (const text of await cells.allTextContents()) expect(text).not.toContain('{"');

    await admin.getByLabel("Action").selectOption({ label: "Token read" });
    await admin.getByLabel("Contains").fill(`${run}-rev`);
    await admin.getByLabel("From (UTC date)").fill(utcDay());
    await admin.getByLabel("To (UTC date)").fill(utcDay());
    await admin.getByRole("button", { name: "Apply filters" }).click();
    await expect(admin).toHaveURL(new RegExp(`action=connection.token_read&search=${run}-rev&from=${utcDay()}&to=${utcDay()}`));
    const rows = admin.getByRole("table", { name: "Audit events" }).getByRole("row");
    // The token read's audit row is group-committed: reload until it is there.
    const filtered = admin.url();
    await expect(async () => {
      await admin.goto(filtered);
      await expect(rows).toHaveCount(2, { timeout: 1000 }); // the header and the one read
    }).toPass();
    await expect(rows.nth(1)).toContainText(`API key 'backend' read the token of Bitbucket · ada (${endUserId})`);
    await expect(rows.nth(1).getByRole("link", { name: "API key 'backend'" })).toHaveAttribute("href", `/applications/${applicationId}/api-keys`);
    await expect(rows.nth(1).getByRole("link", { name: `Bitbucket · ada (${endUserId})` })).toHaveAttribute(
      "href",
      `/applications/${applicationId}/connections/${connectionId}`,
    );
    await expect(admin.getByLabel("Action")).toHaveValue("connection.token_read");

    await admin.getByLabel("To (UTC date)").fill(utcDay(-1));
    await admin.getByRole("button", { name: "Apply filters" }).click();
    await expect(admin.getByText("No events match.")).toBeVisible();

    await admin.goto("/admin/audit");
    await admin.getByLabel("Contains").fill(`${run}-rev`);
    await admin.getByRole("button", { name: "Apply filters" }).click();
    await expect(rows.filter({ hasText: `End user ${endUserId} connected Bitbucket · ada (${endUserId})` })).toHaveCount(1);
    for (const text of await cells.allTextContents()) expect(text).not.toContain('{"');
  });

  test("connections are found by part of the end-user id or the login; one needing re-authorization says why and shows no expiry", async () => {
    await fakeBitbucket.revokeGrant("ada", consumerKey);
    expect((await api.get(`/api/v1/connections/${connectionId}/proxy/2.0/user`)).status()).toBe(424);

    await developer.goto(`/applications/${applicationId}/connections`);
    const rows = developer.getByRole("table", { name: "Connections" }).getByRole("row");
    await developer.getByLabel("Search").fill(`${run}-REV`);
    await developer.getByRole("button", { name: "Apply filters" }).click();
    await expect(rows).toHaveCount(2);
    await developer.getByLabel("Search").fill("ADA");
    await developer.getByRole("button", { name: "Apply filters" }).click();
    await expect(rows).toHaveCount(2);
    const row = rows.nth(1);
    await expect(row.getByRole("cell").nth(1)).toHaveText("Bitbucket");
    await expect(row).toContainText("Needs re-authorization");
    await expect(row).toContainText(
      /Bitbucket refused the refresh token on \d{4}-\d\d-\d\d \d\d:\d\d UTC: the end user revoked access, or the grant expired\./,
    );
    await expect(row.getByRole("cell").nth(5)).toHaveText("—");
    await developer.getByLabel("Search").fill("nobody-like-this");
    await developer.getByRole("button", { name: "Apply filters" }).click();
    await expect(developer.getByText("No connections match.")).toBeVisible();

    await developer.goto(`/applications/${applicationId}/connections/${connectionId}`);
    await expect(developer.getByText(/Bitbucket refused the refresh token on .*: the end user revoked access, or the grant expired\./).first()).toBeVisible();
    await expect(developer.getByText("Last error")).toBeVisible();
    await expect(developer.getByRole("region", { name: "Refresh health" }).getByRole("definition")).toContainText([
      /\d{4}-\d\d-\d\d|Never refreshed/,
      "the end user revoked access, or the grant expired",
      "0",
      "None: the end user must connect again",
    ]);
    await expect(developer.getByRole("table", { name: "Audit events" })).toContainText(
      `Bitbucket refused the refresh token of Bitbucket · ada (${endUserId}): the end user must connect again`,
    );
  });

  test("a confirmation is a dialog: focus moves into it, Escape closes it, focus returns to the button that opened it", async () => {
    await developer.goto(`/applications/${applicationId}/connections/${connectionId}`);
    const disconnect = developer.getByRole("button", { name: "Disconnect", exact: true });
    await disconnect.click();
    const dialog = developer.getByRole("dialog", { name: "Disconnect?" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAccessibleDescription(/Disconnect Ada Lovelace's Bitbucket account\?/);
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await developer.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(disconnect).toBeFocused();
    await expect(developer.getByText("Needs re-authorization").first()).toBeVisible();
  });

  test("row actions sit in a menu that works by keyboard; its dialog gives focus back to the menu's button", async () => {
    await developer.goto(`/applications/${applicationId}/api-keys`);
    const actions = developer.getByRole("button", { name: "Actions for backend" });
    const menu = developer.getByRole("menu", { name: "Actions for backend" });
    const revoke = menu.getByRole("menuitem", { name: "Revoke backend" });
    await actions.focus();
    await developer.keyboard.press("Enter");
    await expect(actions).toHaveAttribute("aria-expanded", "true");
    await expect(revoke).toBeFocused();
    await expectAccessible(developer);
    await developer.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(actions).toBeFocused();

    await developer.keyboard.press("ArrowDown");
    await expect(revoke).toBeFocused();
    await developer.keyboard.press("Enter");
    const dialog = developer.getByRole("dialog", { name: "Revoke backend?" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await developer.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(actions).toBeFocused();
    await expect(developer.getByRole("row", { name: /backend/ })).toContainText("Active");

    // A connection's row: open it, or disconnect it after the same dialog.
    await developer.goto(`/applications/${applicationId}/connections`);
    const rowActions = developer.getByRole("button", { name: `Actions for ${endUserId}` });
    await rowActions.click();
    await expect(developer.getByRole("menuitem", { name: `Open ${endUserId}` })).toHaveAttribute(
      "href",
      `/applications/${applicationId}/connections/${connectionId}`,
    );
    await developer.getByRole("menuitem", { name: `Disconnect ${endUserId}` }).click();
    const disconnect = developer.getByRole("dialog", { name: `Disconnect ${endUserId}?` });
    await expect(disconnect).toHaveAccessibleDescription(/Disconnect Ada Lovelace's Bitbucket account\?/);
    await developer.keyboard.press("Escape");
    await expect(disconnect).toBeHidden();
    await expect(rowActions).toBeFocused();

    // Confirmed from the menu, the outcome is said beside the table (the menu is closed by then);
    // the row and its menu stay (Open), so focus goes back to the menu's button.
    await rowActions.click();
    await developer.getByRole("menuitem", { name: `Disconnect ${endUserId}` }).click();
    await disconnect.getByRole("button", { name: `Yes, disconnect ${endUserId}` }).click();
    const outcome = developer.getByRole("status").filter({ hasText: "Disconnected." });
    await expect(outcome).toHaveText(/^Disconnected\. Its tokens are deleted; the end user must connect again to restore access\./);
    await expect(developer.getByRole("row", { name: new RegExp(endUserId) })).toContainText("Revoked");
    await expect(rowActions).toBeFocused();
    await expectAccessible(developer);

    // Revoking a key removes its menu: focus goes to the outcome rather than being lost.
    await developer.goto(`/applications/${applicationId}/api-keys`);
    await actions.click();
    await revoke.click();
    await developer.getByRole("dialog", { name: "Revoke backend?" }).getByRole("button", { name: "Yes, revoke backend" }).click();
    const revoked = developer.getByRole("status").filter({ hasText: "API key revoked. It stops working at once." });
    await expect(revoked).toBeVisible();
    await expect(revoked).toBeFocused();
    await expect(actions).toHaveCount(0);
  });

  test("invitations: pending with their expiry, a link that names its inviter and locks its email, kept values on failure, and revocation", async ({
    browser,
  }) => {
    const carol = uniqueEmail("carol");
    const dave = uniqueEmail("dave");
    async function invite(email: string): Promise<string> {
      await admin.goto("/admin/users");
      await admin.getByLabel("Email (optional)").fill(email);
      await admin.getByRole("button", { name: "Create invitation link" }).click();
      return admin.getByLabel("Invitation link", { exact: true }).inputValue();
    }
    const carolLink = await invite(carol);
    const daveLink = await invite(dave);

    await admin.goto("/admin/users");
    const pending = admin.getByRole("table", { name: "Pending invitations" });
    const carolRow = pending.getByRole("row").filter({ hasText: carol });
    await expect(carolRow).toContainText("Developer");
    await expect(carolRow).toContainText(adminEmail());
    await expect(carolRow).toContainText(new RegExp(`${utcDay(7)}|${utcDay(6)}`));

    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(carolLink);
    await expect(invitee.getByText(`${adminEmail()} invited you to join as a developer.`)).toBeVisible();
    const email = invitee.getByLabel("Email");
    await expect(email).toHaveValue(carol);
    await expect(email).not.toBeEditable();
    await invitee.getByLabel("Name").fill("Carol Shaw");
    await invitee.getByLabel("Password").fill("short");
    await invitee.getByRole("button", { name: "Create account" }).click();
    await expect(invitee.getByText("Password must be at least 12 characters.")).toBeVisible();
    await expect(invitee.getByLabel("Name")).toHaveValue("Carol Shaw");
    await expect(email).toHaveValue(carol);
    await expect(invitee.getByLabel("Password")).toHaveValue("");

    await admin.getByRole("button", { name: `Actions for the invitation for ${dave}` }).click();
    await admin.getByRole("menuitem", { name: "Revoke invitation" }).click();
    await admin.getByRole("dialog", { name: "Revoke invitation?" }).getByRole("button", { name: "Yes, revoke invitation" }).click();
    await expect(pending.getByRole("row").filter({ hasText: dave })).toHaveCount(0);
    const revoked = admin.getByRole("status").filter({ hasText: "Invitation revoked: its link no longer works." });
    await expect(revoked).toBeVisible();
    await expect(revoked).toBeFocused();
    await expect(pending.getByRole("row").filter({ hasText: carol })).toHaveCount(1);

    await invitee.goto(daveLink);
    await expect(invitee.getByText("This invitation link no longer works")).toBeVisible();
    await expect(invitee.getByRole("button", { name: "Create account" })).toHaveCount(0);

    await admin.goto("/admin/audit");
    await admin.getByLabel("Action").selectOption({ label: "Invitation revoked" });
    await admin.getByRole("button", { name: "Apply filters" }).click();
    await expect(admin.getByRole("table", { name: "Audit events" })).toContainText(`${adminEmail()} revoked the invitation of ${dave}`);
    await invitee.context().close();
  });
});

// Issue 12, webhooks in the portal: a developer adds an endpoint (a real receiver on 127.0.0.1,
// started here, checking every signature with the standardwebhooks library), gets its signing secret
// once, sees deliveries after Send test event (the receiver's 500 and its body, then Resend with the
// same webhook-id), rotates the secret and deletes the endpoint; an end user's Disconnect on their
// own page reaches the receiver as connection.deleted by the end user.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { bitbucketConnectedThroughTheApi, expect, test } from "./support";

type Received = { id: string; type: string; data: Record<string, unknown>; headers: IncomingHttpHeaders; body: string };

/** A webhook receiver on loopback: records what arrives, and answers 500 while `failing` is set. */
async function startReceiver() {
  const received: Received[] = [];
  const state = { failing: false };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const event = JSON.parse(body) as { type: string; data: Record<string, unknown> };
      received.push({ id: String(request.headers["webhook-id"]), type: event.type, data: event.data, headers: request.headers, body });
      if (state.failing) response.writeHead(500, { "content-type": "text/plain" }).end("receiver down: try again later");
      else response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/latchkey`;
  return { url, received, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The receiver's check: a valid Standard Webhooks signature under the endpoint's secret, or it throws. */
function verify(secret: string, message: Received): void {
  new Webhook(secret).verify(message.body, {
    "webhook-id": String(message.headers["webhook-id"]),
    "webhook-timestamp": String(message.headers["webhook-timestamp"]),
    "webhook-signature": String(message.headers["webhook-signature"]),
  });
}

async function expectNoSeriousAxeViolation(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id)).toEqual([]);
}

test("an endpoint added in the portal gets signed deliveries: Send test event, Resend with the same id, the end user's Disconnect, rotation, deletion", async ({
  browser,
  playwright,
}) => {
  const receiver = await startReceiver();
  try {
    const { developer, applicationId, api, endUser, connection } = await bitbucketConnectedThroughTheApi(browser, playwright, "Webhooks app", "wh-ada");

    await developer.goto(`/applications/${applicationId}/webhooks`);
    await expect(developer.getByRole("heading", { name: "Webhook endpoints" })).toBeVisible();
    await expect(developer.getByText("No endpoints yet.")).toBeVisible();
    await expect(developer.getByRole("checkbox", { name: /connection\.deleted/ })).toBeChecked();
    await developer.getByLabel("Endpoint URL").fill(receiver.url);
    await developer.getByRole("button", { name: "Add endpoint" }).click();
    await expect(developer.getByText(`Added ${receiver.url}. Copy its signing secret now: it is shown only this once.`)).toBeVisible();
    const secret = await developer.getByLabel("Signing secret", { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    const endpoints = developer.getByRole("list", { name: "Endpoints" });
    await expect(endpoints.getByText("All events")).toBeVisible();
    await expectNoSeriousAxeViolation(developer);

    // Send test event while the receiver is failing: the delivery shows the 500, the first 1 KB of its body, and a next retry.
    await endpoints.getByRole("link", { name: receiver.url }).click();
    await expect(developer.getByText("Nothing sent yet.")).toBeVisible();
    receiver.state.failing = true;
    await developer.getByRole("button", { name: "Send test event" }).click();
    await expect(developer.getByText(/Test event \S+ queued/)).toBeVisible();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const [test1] = receiver.received;
    expect(test1!.type).toBe("webhook.test");
    verify(secret, test1!);
    await expect(async () => {
      await developer.reload();
      await expect(developer.getByRole("table", { name: "Deliveries" }).getByRole("row", { name: /webhook\.test/ })).toContainText("HTTP 500");
    }).toPass({ timeout: 15_000 });
    const row = developer.getByRole("table", { name: "Deliveries" }).getByRole("row", { name: /webhook\.test/ });
    await expect(row).toContainText("Pending");
    await row.getByText("Answer body (first 1 KB)").click();
    await expect(row.getByText("receiver down: try again later")).toBeVisible();
    await expectNoSeriousAxeViolation(developer);

    // The receiver is back; Resend sends the same event again, with the same webhook-id.
    receiver.state.failing = false;
    const before = receiver.received.length;
    await row.getByRole("button", { name: "Resend" }).click();
    await expect(developer.getByText(`Queued again with the same webhook-id (${test1!.id}).`)).toBeVisible();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThan(before);
    expect(new Set(receiver.received.map((message) => message.id))).toEqual(new Set([test1!.id]));
    for (const message of receiver.received) verify(secret, message);
    await expect(async () => {
      await developer.reload();
      await expect(developer.getByRole("table", { name: "Deliveries" }).getByRole("row", { name: /webhook\.test/ })).toContainText("Delivered");
    }).toPass({ timeout: 15_000 });

    // The end user disconnects Bitbucket on their own page: the receiver hears connection.deleted, by the end user.
    const { url } = (await (await api.post("/api/v1/end-user-sessions", { data: { endUserId: "wh-ada" } })).json()) as { url: string };
    await endUser.goto(url);
    await endUser
      .getByRole("article", { name: /^Bitbucket account/ })
      .getByRole("button", { name: "Disconnect" })
      .click();
    await endUser.getByRole("dialog", { name: "Disconnect?" }).getByRole("button", { name: "Yes, disconnect" }).click();
    await expect(endUser.getByText("Bitbucket is disconnected and its tokens are deleted.")).toBeVisible();
    await expect.poll(() => receiver.received.find((message) => message.type === "connection.deleted"), { timeout: 15_000 }).toBeTruthy();
    const deleted = receiver.received.find((message) => message.type === "connection.deleted")!;
    verify(secret, deleted);
    expect(deleted.data).toMatchObject({ connectionId: connection.id, endUserId: "wh-ada", provider: "bitbucket", status: "revoked", by: "end_user" });
    expect(deleted.body).not.toMatch(/accessToken|refreshToken|whsec_/);

    // Rotation says the old secret stays valid for 24 hours and shows the new one once.
    await developer.getByRole("button", { name: "Rotate signing secret" }).click();
    const rotate = developer.getByRole("dialog", { name: "Rotate signing secret?" });
    await expect(rotate).toContainText("keeps signing beside it for 24 hours");
    await rotate.getByRole("button", { name: "Yes, rotate signing secret" }).click();
    await expect(developer.getByText(/Rotated\. .* The old one stays valid until/)).toBeVisible();
    const rotated = await developer.getByLabel("New signing secret", { exact: true }).inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);

    await developer.getByRole("button", { name: "Delete endpoint" }).click();
    await developer.getByRole("dialog", { name: "Delete endpoint?" }).getByRole("button", { name: "Yes, delete endpoint" }).click();
    await expect(developer.getByText("No endpoints yet.")).toBeVisible();
    await api.dispose();
  } finally {
    await receiver.close();
  }
});

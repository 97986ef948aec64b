// Whose address the audit log records: the socket's. A client writing
// X-Forwarded-For, or our own client-address header, changes nothing while no
// proxy is trusted (TRUST_PROXY_HOPS=0, the default). The addresses below are
// only written into headers; no traffic goes to them.
import { randomBytes } from "node:crypto";
import { e2e } from "../../playwright.config";
import { connectThroughBitbucket, createApiKey, createApplication, expect, newDeveloper, registerConsumer, saveBitbucket, test } from "./support";

const LOOPBACK = /^(127\.0\.0\.1|::1)$/;

test("a token read with a forged X-Forwarded-For and a forged client-address header is recorded with the socket's loopback address", async ({
  browser,
  playwright,
}) => {
  const { page: developer } = await newDeveloper(browser);
  const applicationId = await createApplication(developer, `Address ${randomBytes(3).toString("hex")}`);
  await saveBitbucket(developer, applicationId, await registerConsumer());
  const api = await playwright.request.newContext({
    baseURL: e2e.portalUrl,
    extraHTTPHeaders: { Authorization: `Bearer ${await createApiKey(developer, applicationId)}` },
  });
  try {
    const session = await api.post("/api/v1/connect-sessions", { data: { provider: "bitbucket", endUserId: "address-check" } });
    expect(session.status()).toBe(201);
    const endUser = await (await browser.newContext()).newPage();
    await connectThroughBitbucket(endUser, ((await session.json()) as { connectUrl: string }).connectUrl, "ada");
    await expect(endUser.getByRole("heading", { name: /Bitbucket is connected/ })).toBeVisible();
    const connections = (await (await api.get("/api/v1/connections?endUserId=address-check")).json()) as { data: { id: string }[] };
    const connectionId = connections.data[0]!.id;

    const read = await api.get(`/api/v1/connections/${connectionId}/token`, {
      headers: { "X-Forwarded-For": "203.0.113.9", "X-Latchkey-Client-Address": "203.0.113.10" },
    });
    expect(read.status()).toBe(200);

    const tokenReads = developer.getByRole("table", { name: "Audit events" }).getByRole("row").filter({ hasText: "read the token of" });
    await expect(async () => {
      await developer.goto(`/applications/${applicationId}/connections/${connectionId}`);
      await expect(tokenReads).toHaveCount(1, { timeout: 1000 });
    }).toPass();
    const address = (await tokenReads.getByRole("cell").nth(3).textContent())?.trim();
    expect(address).toMatch(LOOPBACK);
    await expect(developer.getByRole("table", { name: "Audit events" })).not.toContainText("203.0.113.");
  } finally {
    await api.dispose();
  }
});

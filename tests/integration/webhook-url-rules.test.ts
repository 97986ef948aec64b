// The vault must not be a way to probe its own network: with
// WEBHOOK_ALLOW_PRIVATE_NETWORKS off (the default), an endpoint URL that is
// not https, carries credentials, or reaches a private, loopback or link-local
// address (however it is spelled, or whatever its name resolves to) is refused
// when saved, and again when sent. Every refused URL points at a receiver on
// this machine, which must see no connection at all. Host names are resolved by
// an injected resolver: no test asks real DNS or contacts another machine.
import { afterAll, afterEach, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { ValidationFailed } from "@/lib/errors";
import { createEndpoint, deliverDueWebhooks, listDeliveries, listEndpoints, sendTestEvent, setWebhookResolver, updateEndpoint } from "@/lib/webhooks";
import { makeApplication, makeUser } from "../support/factories";
import { startWebhookReceiver } from "../support/webhook-receiver";

delete process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
const receiver = await startWebhookReceiver();
const port = receiver.port;
const owner = await makeUser();
let applicationId: string;
let resolved: string[];
let answer: string[];
afterAll(() => receiver.close());

beforeEach(async () => {
  applicationId = (await makeApplication(owner, "URL rules")).id;
  resolved = [];
  answer = [];
  setWebhookResolver(async (hostname) => {
    resolved.push(hostname);
    return answer;
  });
});
afterEach(() => setWebhookResolver(null));

async function refusal(url: string): Promise<string> {
  const error = await createEndpoint(owner, applicationId, { url, events: [] }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error, url).toBeInstanceOf(ValidationFailed);
  const issue = (error as ValidationFailed).issues[0]!;
  expect(issue.path).toBe("url");
  return issue.message;
}

describe("refused when saved, nothing sent", () => {
  test.each([
    [`http://2130706433:${port}/`],
    [`http://[::ffff:127.0.0.1]:${port}/`],
    [`http://0.0.0.0:${port}/`],
    [`http://127.1.2.3:${port}/`],
    [`http://localhost:${port}/`],
    [`http://127.0.0.1:${port}/`],
  ])("%s: plain http is for development only", async (url) => {
    expect(await refusal(url)).toBe("Use https://.");
  });

  test.each([
    [`https://2130706433:${port}/`],
    [`https://[::ffff:127.0.0.1]:${port}/`],
    [`https://[::ffff:7f00:1]:${port}/`],
    [`https://0.0.0.0:${port}/`],
    [`https://127.1.2.3:${port}/`],
    [`https://0x7f.1:${port}/`],
    [`https://127.0.0.1:${port}/`],
    [`https://[::1]:${port}/`],
  ])("%s: a loopback address, however spelled", async (url) => {
    expect(await refusal(url)).toMatch(/private, loopback or link-local address/);
    expect(resolved).toEqual([]);
  });

  test("a host name that resolves to a private or link-local address, even among public ones", async () => {
    answer = ["10.0.0.5"];
    expect(await refusal("https://hooks.internal.example/")).toMatch(/private, loopback or link-local/);
    answer = ["93.184.216.34", "169.254.169.254"];
    expect(await refusal("https://metadata.example/")).toMatch(/private, loopback or link-local/);
    answer = ["fd00::5"];
    expect(await refusal("https://v6.internal.example/")).toMatch(/private, loopback or link-local/);
    expect(resolved).toEqual(["hooks.internal.example", "metadata.example", "v6.internal.example"]);
  });

  test("credentials in the URL, a host that does not resolve, a scheme that is not http(s)", async () => {
    expect(await refusal("https://user:secret@hooks.example/")).toBe("The URL must not contain a user name or password.");
    expect(await refusal("https://nowhere.example/")).toBe("The host nowhere.example could not be found.");
    expect(await refusal(`ftp://127.0.0.1:${port}/`)).toBe("Enter a URL that starts with https://.");
  });

  test("changing a saved endpoint's URL to a loopback one is refused too", async () => {
    answer = ["93.184.216.34"];
    const { endpoint } = await createEndpoint(owner, applicationId, { url: "https://hooks.example/", events: [] });
    await expect(updateEndpoint(owner, applicationId, endpoint.id, { url: `https://127.0.0.1:${port}/` })).rejects.toBeInstanceOf(ValidationFailed);
    expect((await listEndpoints(owner, applicationId))[0]!.url).toBe("https://hooks.example/");
  });

  afterAll(async () => {
    expect(await (await db()).webhookEndpoint.count({ where: { url: { contains: String(port) } } })).toBe(0);
    expect(receiver.connections()).toBe(0);
  });
});

describe("checked again when sent", () => {
  test("a name that resolved to a public address when saved and to loopback when sent is not contacted", async () => {
    answer = ["93.184.216.34"];
    const { endpoint } = await createEndpoint(owner, applicationId, { url: `https://rebind.example:${port}/hooks`, events: [] });
    answer = ["127.0.0.1"];
    await sendTestEvent(owner, applicationId, endpoint.id);
    await deliverDueWebhooks();
    const [delivery] = (await listDeliveries(owner, applicationId, endpoint.id)).items;
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastStatus: null });
    expect(delivery!.lastError).toMatch(/private, loopback or link-local address/);
    expect(receiver.connections()).toBe(0);
  });
});

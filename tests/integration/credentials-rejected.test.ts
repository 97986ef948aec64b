// A rejected client is not an outage (issue 8): when Bitbucket refuses the
// application's own Client ID or Secret (the consumer's secret was rotated at
// Bitbucket), token reads and proxied calls answer 502
// provider_credentials_rejected, no connection is marked as needing its end
// user, the provider's page says so with since when, and saving working
// credentials clears it. Real HTTP to the fake Bitbucket, a real database.
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { CredentialsRejected } from "@/components/providers/credentials-rejected";
import { GET as tokenRoute } from "@/app/api/v1/connections/[connectionId]/token/route";
import { GET as proxyRoute } from "@/app/api/v1/connections/[connectionId]/proxy/[...path]/route";
import { updateAllowedOrigins } from "@/lib/applications";
import { db } from "@/lib/db";
import { getProviderConfig, saveProviderConfig } from "@/lib/provider-configs";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { authorize, callback, CALLBACK_URL, configureBitbucket, connectEndUser, connectToken, decide } from "../support/connect-flow";
import { expireIn, stored } from "../support/connections";
import { callRoute, makeApiKey, makeApplication, makeUser } from "../support/factories";

const consumer = { key: "rejected-key", secret: "original-secret-value", callbackUrl: CALLBACK_URL, permissions: ["account", "repository"] };
const ROTATED_SECRET = "rotated-secret-value";
const fake = await startFakeBitbucket({ consumers: [consumer] });
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;
process.env.PROVIDER_TIMEOUT_MS = "400";
afterAll(() => fake.close());

const owner = await makeUser();
const returnUrl = "https://app.example/";

let applicationId: string;
let apiKey: string;
let connectionId: string;
beforeEach(async () => {
  fake.clearFailures();
  fake.addConsumer(consumer);
  applicationId = (await makeApplication(owner, "Rejected app")).id;
  await updateAllowedOrigins(owner, { applicationId, allowedOrigins: "https://app.example" });
  apiKey = (await makeApiKey(owner, applicationId)).key;
  await configureBitbucket(owner, applicationId, consumer, ["account"]);
  connectionId = (await connectEndUser(apiKey, { endUserId: "user-1", provider: "bitbucket", returnUrl })).searchParams.get("connectionId")!;
  fake.resetStats();
});

/** What happens at Bitbucket when the developer regenerates the consumer's secret there. */
function rotateSecretAtBitbucket() {
  fake.addConsumer({ ...consumer, secret: ROTATED_SECRET });
}

function readToken() {
  return callRoute(tokenRoute, { url: `/api/v1/connections/${connectionId}/token`, apiKey }, { connectionId });
}

function proxy(path: string) {
  return callRoute(proxyRoute, { url: `/api/v1/connections/${connectionId}/proxy/${path}`, apiKey }, { connectionId, path: path.split("/") });
}

async function rejectionEvents() {
  return (await db()).auditEvent.findMany({ where: { applicationId, action: "provider.credentials_rejected" } });
}

async function rejectedSince(): Promise<Date | null> {
  return (await getProviderConfig(owner, applicationId, "bitbucket"))!.credentialsRejectedAt;
}

describe("the token endpoint refuses the client while refreshing", () => {
  test("token reads and proxied calls answer 502 provider_credentials_rejected; the connection stays Active", async () => {
    rotateSecretAtBitbucket();
    await expireIn(connectionId, -1);

    const read = await readToken();
    expect(read.status).toBe(502);
    const { error } = await read.json();
    expect(error.code).toBe("provider_credentials_rejected");
    expect(error.message).toMatch(/^Bitbucket rejected the application's Client ID or Secret/);
    expect(fake.stats().tokenRequests.refresh_token).toBe(1);

    const proxied = await proxy("2.0/user");
    expect(proxied.status).toBe(502);
    expect((await proxied.json()).error.code).toBe("provider_credentials_rejected");
    expect((await readToken()).status).toBe(502);

    expect(await stored(connectionId)).toMatchObject({ status: "ACTIVE" });
    expect(await (await db()).auditEvent.count({ where: { connectionId, action: "connection.needs_reauthorization" } })).toBe(0);
    // Audited once, when it started, not per request; by the system.
    const events = await rejectionEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "SYSTEM", actorId: null });
    expect(JSON.parse(events[0]!.details)).toMatchObject({ provider: "bitbucket", error: "unauthorized_client", during: "refresh" });
  });

  test("a proxied call whose token Bitbucket no longer takes answers 502 as well, not Bitbucket's 401", async () => {
    rotateSecretAtBitbucket();
    fake.expireAccessTokens();
    const proxied = await proxy("2.0/user");
    expect(proxied.status).toBe(502);
    expect((await proxied.json()).error.code).toBe("provider_credentials_rejected");
    expect(await stored(connectionId)).toMatchObject({ status: "ACTIVE" });
  });

  test("the provider's page data says since when; the page shows it in the provider's name", async () => {
    expect(await rejectedSince()).toBeNull();
    rotateSecretAtBitbucket();
    await expireIn(connectionId, -1);
    const before = Date.now();
    expect((await readToken()).status).toBe(502);
    const since = await rejectedSince();
    expect(since!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(since!.getTime()).toBeLessThanOrEqual(Date.now());

    const html = renderToStaticMarkup(createElement(CredentialsRejected, { providerName: "Bitbucket", since: since! }));
    expect(html).toContain("Bitbucket rejected the Client ID or Secret");
    expect(html).toContain(since!.toISOString().replace("T", " ").slice(0, 16) + " UTC");
  });

  test("a token still valid is handed out while the refresh is refused, and the settings are marked", async () => {
    rotateSecretAtBitbucket();
    await expireIn(connectionId, 60);
    const read = await readToken();
    expect(read.status).toBe(200);
    expect(await rejectedSince()).not.toBeNull();
  });

  test("saving working credentials clears it, and the next read refreshes", async () => {
    rotateSecretAtBitbucket();
    await expireIn(connectionId, -1);
    expect((await readToken()).status).toBe(502);

    const saved = await saveProviderConfig(owner, {
      provider: "bitbucket",
      applicationId,
      clientId: consumer.key,
      clientSecret: ROTATED_SECRET,
      scopes: ["account"],
    });
    expect(saved.credentialCheck).toBe("valid");
    expect(await rejectedSince()).toBeNull();

    fake.resetStats();
    const read = await readToken();
    expect(read.status).toBe(200);
    expect(fake.stats().tokenRequests.refresh_token).toBe(1);
    expect(await stored(connectionId)).toMatchObject({ status: "ACTIVE", failureCount: 0, lastError: null });
  });

  test("a second refusal after a fix is a new transition, audited again", async () => {
    rotateSecretAtBitbucket();
    await expireIn(connectionId, -1);
    expect((await readToken()).status).toBe(502);
    await saveProviderConfig(owner, { provider: "bitbucket", applicationId, clientId: consumer.key, clientSecret: ROTATED_SECRET, scopes: ["account"] });
    expect((await readToken()).status).toBe(200);

    fake.addConsumer({ ...consumer, secret: "rotated-once-more" });
    await expireIn(connectionId, -1);
    expect((await readToken()).status).toBe(502);
    expect(await rejectionEvents()).toHaveLength(2);
  });
});

describe("the token endpoint refuses the client during a connect", () => {
  test("the end user sees client_rejected and the settings are marked, once", async () => {
    rotateSecretAtBitbucket();
    for (const endUserId of ["user-2", "user-3"]) {
      const { location, cookie } = await authorize(await connectToken(apiKey, { endUserId, provider: "bitbucket", returnUrl }));
      const landing = await callback(await decide(location, "grant"), cookie);
      expect(landing.searchParams.get("error")).toBe("client_rejected");
    }
    expect(await rejectedSince()).not.toBeNull();
    const events = await rejectionEvents();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.details)).toMatchObject({ during: "connect" });
  });
});

// The OAuth dance at its edges (issue 8): junk callbacks leave no audit rows,
// a state only completes at its own provider's callback (RFC 9700 §4.4), and
// anything unexpected ends on a page saying `internal_error`, never a bare 500.
// Real HTTP to the fake Bitbucket; each case checks what the end user sees and
// what is left in the database.
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import ConnectResultPage from "@/app/connect/result/page";
import { updateAllowedOrigins } from "@/lib/applications";
import { randomToken, Secret } from "@/lib/crypto";
import { generateKeyRingEntry, parseKeyRing } from "@/lib/config/key-ring";
import { seal } from "@/lib/crypto/seal";
import { db } from "@/lib/db";
import { startFakeBitbucket } from "../fakes/bitbucket/server";
import { authorize, callback, CALLBACK_URL, configureBitbucket, connectToken, decide } from "../support/connect-flow";
import { makeApiKey, makeApplication, makeUser } from "../support/factories";

const consumer = { key: "edge-key", secret: "edge-secret-value", callbackUrl: CALLBACK_URL, permissions: ["account", "repository"] };
const fake = await startFakeBitbucket({ consumers: [consumer] });
process.env.BITBUCKET_AUTH_BASE_URL = fake.url;
process.env.BITBUCKET_API_BASE_URL = fake.url;
afterAll(() => fake.close());

const returnUrl = "https://app.example/integrations";
const owner = await makeUser();
const application = await makeApplication(owner, "Edge app");
await updateAllowedOrigins(owner, { applicationId: application.id, allowedOrigins: "https://app.example" });
const { key: apiKey } = await makeApiKey(owner, application.id);
await configureBitbucket(owner, application.id, consumer, ["account"]);

// The server log, read the way an operator would: every line written to the console.
let logLines: string[] = [];
beforeEach(() => {
  fake.clearFailures();
  logLines = [];
  for (const method of ["log", "warn", "error"] as const) {
    vi.spyOn(console, method).mockImplementation((line: unknown) => void logLines.push(String(line)));
  }
});
afterEach(() => vi.restoreAllMocks());

async function auditCount(): Promise<number> {
  return (await db()).auditEvent.count();
}

async function lastFailure() {
  const event = await (await db()).auditEvent.findFirst({ where: { action: "connection.failed" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return event && { ...event, details: JSON.parse(event.details) };
}

/** Starts a connect attempt and presses Grant access; returns the callback URL and the browser's cookie. */
async function granted(body: Record<string, unknown> = { endUserId: "user-1", provider: "bitbucket", returnUrl }) {
  const token = await connectToken(apiKey, body);
  const { location, cookie } = await authorize(token);
  return { callbackUrl: await decide(location, "grant"), cookie };
}

/** Runs `during` with a table renamed away, so the vault's next write or read of it fails as a database error would. */
async function whileTableIsGone<T>(table: string, during: () => Promise<T>): Promise<T> {
  const prisma = await db();
  await prisma.$executeRawUnsafe(`ALTER TABLE "${table}" RENAME TO "${table}Away"`);
  try {
    return await during();
  } finally {
    await prisma.$executeRawUnsafe(`ALTER TABLE "${table}Away" RENAME TO "${table}"`);
  }
}

function expectReturnedWith(landing: URL, code: string) {
  expect(landing.origin + landing.pathname).toBe(returnUrl);
  expect(landing.searchParams.get("status")).toBe("error");
  expect(landing.searchParams.get("error")).toBe(code);
}

describe("no audit rows from nobody", () => {
  test("50 callbacks with a missing or unknown state write no audit row; each still ends on the failure page", async () => {
    const before = await auditCount();
    const landings = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? callback(`${CALLBACK_URL}?code=junk-${i}`)
          : callback(`${CALLBACK_URL}?code=junk-${i}&state=${randomToken()}`, `lk_oauth_binding=${randomToken()}`),
      ),
    );
    landings.forEach((landing, i) => {
      expect(landing.pathname).toBe("/connect/result");
      expect(landing.searchParams.get("error")).toBe(i % 2 === 0 ? "state_missing" : "state_invalid");
    });
    expect(await auditCount()).toBe(before);
    // Counted in the server log instead, without the code or the state.
    const warnings = logLines.filter((line) => line.includes("callback with no state of ours"));
    expect(warnings).toHaveLength(50);
    expect(warnings.join("\n")).not.toMatch(/junk-/);
  });

  test("a failure after a real state was found keeps its audit row", async () => {
    const { callbackUrl } = await granted();
    expectReturnedWith(await callback(callbackUrl), "browser_mismatch");
    expect(await lastFailure()).toMatchObject({
      applicationId: application.id,
      actorType: "END_USER",
      actorId: "user-1",
      details: { code: "browser_mismatch" },
    });
  });
});

describe("mix-up defence", () => {
  test("a state issued for another provider's connect session is state_invalid at this callback, before any code exchange", async () => {
    const { callbackUrl, cookie } = await granted({ endUserId: "user-mixup", provider: "bitbucket", returnUrl });
    // The state's connect session now names another provider, as if it had been started for that one.
    await (await db()).connectSession.updateMany({ where: { endUserId: "user-mixup" }, data: { provider: "gitlab" } });
    fake.resetStats();
    expectReturnedWith(await callback(callbackUrl, cookie), "state_invalid");
    expect(fake.stats().tokenRequests.total).toBe(0);
    expect(await (await db()).connection.count({ where: { endUserId: "user-mixup" } })).toBe(0);
    expect(await lastFailure()).toMatchObject({ actorId: "user-mixup", details: { code: "state_invalid", issuedFor: "gitlab" } });
    // The state was not spent on the wrong route.
    expect((await (await db()).oAuthState.findFirstOrThrow({ where: { connectSession: { endUserId: "user-mixup" } } })).usedAt).toBeNull();
  });
});

describe("every unexpected failure is a page saying internal_error", () => {
  test("a token response the vault cannot store (expires_in 1e20): internal_error, logged and audited, nothing stored", async () => {
    const { callbackUrl, cookie } = await granted({ endUserId: "user-absurd", provider: "bitbucket", returnUrl });
    const { accessToken, refreshToken } = fake.issueTokensDirectly({ consumerKey: consumer.key, userNickname: "ada" });
    fake.failNext("token", {
      status: 200,
      body: { access_token: accessToken, refresh_token: refreshToken, token_type: "bearer", expires_in: 1e20, scopes: "account" },
    });
    expectReturnedWith(await callback(callbackUrl, cookie), "internal_error");
    expect(await (await db()).connection.count({ where: { endUserId: "user-absurd" } })).toBe(0);
    expect(await lastFailure()).toMatchObject({ actorId: "user-absurd", details: { code: "internal_error" } });
    const errors = logLines.filter((line) => JSON.parse(line).level === "error");
    expect(errors.some((line) => line.includes("unexpected error in the connect callback"))).toBe(true);
    // Neither the token nor anything sealed (the failed insert's arguments) reaches the log.
    expect(logLines.join("\n")).not.toContain(accessToken);
    expect(logLines.join("\n")).not.toMatch(/v\d+:[\w-]{8,}:[\w-]{20,}/);
  });

  test("without a return URL the vault's page explains internal_error in plain words", async () => {
    const { callbackUrl, cookie } = await granted({ endUserId: "user-page", provider: "bitbucket" });
    const { accessToken } = fake.issueTokensDirectly({ consumerKey: consumer.key, userNickname: "ada" });
    fake.failNext("token", { status: 200, body: { access_token: accessToken, token_type: "bearer", expires_in: 1e20 } });
    const landing = await callback(callbackUrl, cookie);
    expect(landing.pathname).toBe("/connect/result");
    expect(landing.searchParams.get("error")).toBe("internal_error");
    const page = renderToStaticMarkup(await ConnectResultPage({ searchParams: Promise.resolve(Object.fromEntries(landing.searchParams)) }));
    expect(page).toContain("Something went wrong on our side, so nothing was connected.");
  });

  test("a client secret sealed under a key no longer in the ring: internal_error, and Bitbucket is never asked", async () => {
    const prisma = await db();
    const config = await prisma.providerConfig.findFirstOrThrow({ where: { applicationId: application.id } });
    const removedKey = parseKeyRing(generateKeyRingEntry(9));
    await prisma.providerConfig.update({
      where: { id: config.id },
      data: { clientSecret: seal(removedKey, new Secret(consumer.secret), { table: "ProviderConfig", rowId: config.id, field: "clientSecret" }) },
    });
    try {
      const { callbackUrl, cookie } = await granted({ endUserId: "user-key", provider: "bitbucket", returnUrl });
      fake.resetStats();
      expectReturnedWith(await callback(callbackUrl, cookie), "internal_error");
      expect(fake.stats().tokenRequests.total).toBe(0);
      expect(await prisma.connection.count({ where: { endUserId: "user-key" } })).toBe(0);
      expect(await lastFailure()).toMatchObject({ actorId: "user-key", details: { code: "internal_error" } });
    } finally {
      await prisma.providerConfig.update({ where: { id: config.id }, data: { clientSecret: config.clientSecret } });
    }
  });

  test("a database error while storing the connection: internal_error, and still audited", async () => {
    const prisma = await db();
    const { callbackUrl, cookie } = await granted({ endUserId: "user-db", provider: "bitbucket", returnUrl });
    await whileTableIsGone("Connection", async () => expectReturnedWith(await callback(callbackUrl, cookie), "internal_error"));
    expect(await prisma.connection.count({ where: { endUserId: "user-db" } })).toBe(0);
    expect(await lastFailure()).toMatchObject({ actorId: "user-db", details: { code: "internal_error" } });
  });

  test("the connection, the used link and its audit row are one write: when the audit row cannot be written, nothing is connected", async () => {
    const prisma = await db();
    const { callbackUrl, cookie } = await granted({ endUserId: "user-audit", provider: "bitbucket", returnUrl });
    await whileTableIsGone("AuditEvent", async () => expectReturnedWith(await callback(callbackUrl, cookie), "internal_error"));
    expect(await prisma.connection.count({ where: { endUserId: "user-audit" } })).toBe(0);
    expect(await prisma.connectSession.count({ where: { endUserId: "user-audit", usedAt: { not: null } } })).toBe(0);
  });

  test("a database error at authorize: the vault's page says internal_error, and the session's attempt is audited", async () => {
    const token = await connectToken(apiKey, { endUserId: "user-authorize", provider: "bitbucket", returnUrl });
    const { location } = await whileTableIsGone("OAuthState", () => authorize(token));
    const landing = new URL(location);
    expect(landing.pathname).toBe("/connect/result");
    expect(landing.searchParams.get("error")).toBe("internal_error");
    expect(await lastFailure()).toMatchObject({ actorId: "user-authorize", details: { code: "internal_error" } });
    expect(logLines.some((line) => line.includes("unexpected error in the connect authorize"))).toBe(true);
  });

  test("a token response that is not JSON stays provider_unavailable", async () => {
    const { callbackUrl, cookie } = await granted({ endUserId: "user-html", provider: "bitbucket", returnUrl });
    fake.failNext("token", { status: 200, body: "<html>maintenance</html>" });
    expectReturnedWith(await callback(callbackUrl, cookie), "provider_unavailable");
  });
});

import { expect, test } from "vitest";
import { getConfig } from "@/lib/config";
import { generateKeyRingEntry, parseKeyRing } from "@/lib/config/key-ring";
import { resealAll } from "@/lib/crypto/reseal";
import { open } from "@/lib/crypto/seal";
import { Secret, sealSecret } from "@/lib/crypto";
import { storeConnection } from "@/lib/connections/store";
import { db } from "@/lib/db";
import { createEndpoint, rotateSecret } from "@/lib/webhooks";
import { makeApplication, makeUser } from "../support/factories";

// The webhook endpoint below points at this machine.
process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = "true";

test("re-sealing moves every secret to the newest key, and the old key is then no longer needed", async () => {
  const owner = await makeUser();
  const application = await makeApplication(owner);
  const prisma = await db();
  const { id } = await prisma.$transaction((tx) =>
    storeConnection(tx, {
      applicationId: application.id,
      provider: "bitbucket",
      endUserId: "u",
      account: { id: "{uuid}", login: "ada", name: "Ada", avatarUrl: null, email: null },
      tokens: { accessToken: new Secret("access-1"), refreshToken: new Secret("refresh-1"), tokenType: "bearer", expiresAt: new Date(), grantedScopes: [] },
      grantedScopes: [],
      missingScopes: [],
    }),
  );
  await prisma.providerConfig.create({
    data: {
      id: "pvc_reseal",
      applicationId: application.id,
      provider: "bitbucket",
      clientId: "key",
      clientSecret: sealSecret(new Secret("client-secret"), { table: "ProviderConfig", rowId: "pvc_reseal", field: "clientSecret" }),
      secretUpdatedAt: new Date(),
      scopes: "account",
    },
  });
  const webhook = await createEndpoint(owner, application.id, { url: "http://127.0.0.1:9/hooks", events: [] });
  const rotatedWebhook = await rotateSecret(owner, application.id, webhook.endpoint.id);
  const oldRing = getConfig().keyRing;
  const oldEntry = process.env.LATCHKEY_ENCRYPTION_KEYS!;
  const newEntry = generateKeyRingEntry(2);
  const rotated = parseKeyRing(`${oldEntry},${newEntry}`);

  expect(await resealAll(rotated)).toEqual({ resealed: 5 });
  const config = await prisma.providerConfig.findUniqueOrThrow({ where: { id: "pvc_reseal" } });
  expect(open(parseKeyRing(newEntry), config.clientSecret, { table: "ProviderConfig", rowId: "pvc_reseal", field: "clientSecret" }).reveal()).toBe(
    "client-secret",
  );
  const row = await prisma.connection.findUniqueOrThrow({ where: { id } });
  expect(row.accessToken).toMatch(/^v2:/);
  expect(row.refreshToken).toMatch(/^v2:/);
  const newOnly = parseKeyRing(newEntry);
  expect(open(newOnly, row.accessToken!, { table: "Connection", rowId: id, field: "accessToken" }).reveal()).toBe("access-1");
  expect(open(newOnly, row.refreshToken!, { table: "Connection", rowId: id, field: "refreshToken" }).reveal()).toBe("refresh-1");
  expect(() => open(oldRing, row.accessToken!, { table: "Connection", rowId: id, field: "accessToken" })).toThrow(/v2/);
  const endpoint = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: webhook.endpoint.id } });
  const endpointContext = (field: string) => ({ table: "WebhookEndpoint", rowId: endpoint.id, field });
  expect(open(newOnly, endpoint.secret, endpointContext("secret")).reveal()).toBe(rotatedWebhook.secret.reveal());
  expect(open(newOnly, endpoint.previousSecret!, endpointContext("previousSecret")).reveal()).toBe(webhook.secret.reveal());
  // Running it again finds nothing to do.
  expect(await resealAll(rotated)).toEqual({ resealed: 0 });
});

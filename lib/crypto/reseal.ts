// Key rotation: after a new key is added to LATCHKEY_ENCRYPTION_KEYS, re-seal
// every stored secret under it, so older keys can later be removed.
// Each write is a compare-and-set on the old sealed value, so a token
// refreshed meanwhile is never overwritten with a stale one.
import "server-only";
import { db } from "../db";
import type { KeyRing } from "../config";
import { open, seal, sealedKeyVersion, type SealContext } from "./seal";

/** Every sealed column. */
const SEALED_FIELDS = [
  { table: "ProviderConfig", field: "clientSecret", nullable: false },
  { table: "Connection", field: "accessToken", nullable: true },
  { table: "Connection", field: "refreshToken", nullable: true },
  { table: "OAuthState", field: "codeVerifier", nullable: true },
  { table: "WebhookEndpoint", field: "secret", nullable: false },
  { table: "WebhookEndpoint", field: "previousSecret", nullable: true },
] as const;

const PAGE_SIZE = 500;

export async function resealAll(keyRing: KeyRing): Promise<{ resealed: number }> {
  const prisma = await db();
  let resealed = 0;
  for (const { table, field, nullable } of SEALED_FIELDS) {
    const models = {
      Connection: prisma.connection,
      ProviderConfig: prisma.providerConfig,
      OAuthState: prisma.oAuthState,
      WebhookEndpoint: prisma.webhookEndpoint,
    };
    const model = models[table] as unknown as {
      findMany(args: object): Promise<Record<string, string | null>[]>;
      updateMany(args: object): Promise<{ count: number }>;
    };
    for (let cursor: string | undefined; ;) {
      const rows = await model.findMany({
        where: { ...(nullable ? { [field]: { not: null } } : {}), ...(cursor ? { id: { gt: cursor } } : {}) },
        select: { id: true, [field]: true },
        orderBy: { id: "asc" },
        take: PAGE_SIZE,
      });
      if (rows.length === 0) break;
      for (const row of rows) {
        const sealed = row[field];
        if (!sealed) continue;
        if (sealedKeyVersion(sealed) === keyRing.sealingVersion) continue;
        const context: SealContext = { table, rowId: row.id!, field };
        const fresh = seal(keyRing, open(keyRing, sealed, context), context);
        const { count } = await model.updateMany({ where: { id: row.id, [field]: sealed }, data: { [field]: fresh } });
        resealed += count;
      }
      cursor = rows[rows.length - 1]!.id!;
    }
  }
  return { resealed };
}

// API keys let a developer's backend call /api/v1 for one application.
// The key is shown once; only its SHA-256 is stored. Keys start with `lk_` so
// a leaked one is easy to find with a secret scanner or grep.
import "server-only";
import { z } from "zod";
import type { Actor } from "../actor";
import { getApplication } from "../applications";
import { auditRow, userActor } from "../audit";
import { constantTimeEqual, hashToken, randomToken } from "../crypto";
import { createBatchLoader, db, type Application } from "../db";
import { NotFound, Unauthenticated } from "../errors";
import { newId } from "../ids";
import { parseInput, requiredText } from "../validation";
import { chargeApiKey } from "./rate-limit";

export const API_KEY_PREFIX = "lk_";
/** Characters of the key kept in clear so lists can tell keys apart. */
const SHOWN_PREFIX_LENGTH = 10;
/** lastUsedAt is a convenience: write it at most this often per key, not on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const createApiKeyInput = z.object({ applicationId: z.string().min(1), name: requiredText("Name", 100) });

export async function createApiKey(actor: Actor, input: unknown) {
  const { applicationId, name } = parseInput(createApiKeyInput, input);
  const application = await getApplication(actor, applicationId);
  const key = randomToken(API_KEY_PREFIX);
  const id = newId("key");
  const prisma = await db();
  const [apiKey] = await prisma.$transaction([
    prisma.apiKey.create({
      data: { id, applicationId: application.id, name, prefix: key.slice(0, SHOWN_PREFIX_LENGTH), hash: hashToken(key) },
    }),
    prisma.auditEvent.create({
      data: auditRow({ action: "api_key.created", actor: userActor(actor), applicationId: application.id, details: { apiKeyId: id, name } }),
    }),
  ]);
  return { apiKey: { id: apiKey.id, name: apiKey.name, prefix: apiKey.prefix, createdAt: apiKey.createdAt }, key };
}

export async function listApiKeys(actor: Actor, applicationId: string) {
  const application = await getApplication(actor, applicationId);
  const prisma = await db();
  return prisma.apiKey.findMany({
    where: { applicationId: application.id },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

export async function revokeApiKey(actor: Actor, applicationId: string, apiKeyId: string): Promise<void> {
  const application = await getApplication(actor, applicationId);
  const prisma = await db();
  const apiKey = await prisma.apiKey.findFirst({ where: { id: apiKeyId, applicationId: application.id } });
  if (!apiKey) throw new NotFound("The API key");
  if (apiKey.revokedAt) return;
  await prisma.$transaction([
    prisma.apiKey.update({ where: { id: apiKey.id }, data: { revokedAt: new Date() } }),
    prisma.auditEvent.create({
      data: auditRow({ action: "api_key.revoked", actor: userActor(actor), applicationId: application.id, details: { apiKeyId, name: apiKey.name } }),
    }),
  ]);
}

export type ApiCaller = { apiKeyId: string; application: Application };

// Every /api/v1 request looks its key up; concurrent requests share one query.
const keysByHash = createBatchLoader(async (hashes: string[]) => {
  const prisma = await db();
  const keys = await prisma.apiKey.findMany({ where: { hash: { in: hashes } }, include: { application: true } });
  return new Map(keys.map((key) => [key.hash, key]));
});

/** The SHA-256 of the key in `Authorization: Bearer lk_...`, or Unauthenticated. */
function presentedKeyHash(authorization: string | null): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const presented = match?.[1];
  if (!presented?.startsWith(API_KEY_PREFIX)) throw new Unauthenticated();
  return hashToken(presented);
}

type StoredKey = { id: string; hash: string; revoked: boolean; lastUsedAt: Date | null };

/** Checks the key found for a presented hash, counts the request against its rate limit, and notes its use (at most once a minute). */
async function acceptKey(presentedHash: string, stored: StoredKey | undefined): Promise<void> {
  // The unique-index lookup finds the row; the constant-time check is what decides.
  if (!stored || !constantTimeEqual(stored.hash, presentedHash)) throw new Unauthenticated();
  if (stored.revoked) throw new Unauthenticated("This API key has been revoked.");
  chargeApiKey(stored.id);
  if (!stored.lastUsedAt || Date.now() - stored.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    const prisma = await db();
    await prisma.apiKey.update({ where: { id: stored.id }, data: { lastUsedAt: new Date() } });
  }
}

/**
 * The key check for a read that finds the key in its own lookup (the token read
 * joins key and connection in one query). Handed in by the route, so the
 * connections store never imports this one.
 */
export const apiKeyCheck = { presentedHash: presentedKeyHash, accept: acceptKey };

/** Resolves `Authorization: Bearer lk_...` to its application, or throws Unauthenticated. */
export async function authenticateApiKey(authorization: string | null): Promise<ApiCaller> {
  const presentedHash = presentedKeyHash(authorization);
  const apiKey = await keysByHash.load(presentedHash);
  await acceptKey(presentedHash, apiKey && { id: apiKey.id, hash: apiKey.hash, revoked: apiKey.revokedAt !== null, lastUsedAt: apiKey.lastUsedAt });
  return { apiKeyId: apiKey!.id, application: apiKey!.application };
}

// Stores what a completed OAuth dance produced: one connection per
// application × provider × provider account. Connecting again updates it.
import "server-only";
import { ConnectionStatus, type Prisma } from "../db";
import { newId } from "../ids";
import type { ProviderAccount, TokenSet } from "../provider-client";
import { sealToken } from "./sealing";

export type ConnectionToStore = {
  applicationId: string;
  provider: string;
  endUserId: string;
  account: ProviderAccount;
  tokens: TokenSet;
  grantedScopes: string[];
  missingScopes: string[];
};

export async function storeConnection(tx: Prisma.TransactionClient, input: ConnectionToStore): Promise<{ id: string; created: boolean }> {
  const { applicationId, provider, account, tokens } = input;
  const existing = await tx.connection.findUnique({
    where: { applicationId_provider_providerAccountId: { applicationId, provider, providerAccountId: account.id } },
    select: { id: true },
  });
  const id = existing?.id ?? newId("conn");
  const now = new Date();
  const fields = {
    endUserId: input.endUserId,
    accountLogin: account.login,
    accountName: account.name,
    accountEmail: account.email,
    avatarUrl: account.avatarUrl,
    grantedScopes: input.grantedScopes.join(" "),
    missingScopes: input.missingScopes.join(" "),
    accessToken: sealToken(id, "accessToken", tokens.accessToken),
    tokenType: tokens.tokenType,
    expiresAt: tokens.expiresAt,
    status: ConnectionStatus.ACTIVE,
    refreshLeaseUntil: null,
    refreshLeaseOwner: null,
    failureCount: 0,
    nextRetryAt: null,
    lastError: null,
    lastRefreshedAt: now,
  };
  const refreshToken = tokens.refreshToken ? sealToken(id, "refreshToken", tokens.refreshToken) : undefined;
  if (existing) {
    // A provider that returns no refresh token on re-consent leaves the old one in place.
    await tx.connection.update({ where: { id }, data: { ...fields, ...(refreshToken ? { refreshToken } : {}) } });
    return { id, created: false };
  }
  await tx.connection.create({ data: { id, applicationId, provider, providerAccountId: account.id, ...fields, refreshToken: refreshToken ?? null } });
  return { id, created: true };
}

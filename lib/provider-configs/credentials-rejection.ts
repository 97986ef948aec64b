// When the provider refuses the application's own Client ID or Secret (the
// consumer was deleted, or its secret rotated), only the developer can fix it:
// the settings row records since when, the portal shows it, token reads answer
// 502, and no connection is marked as needing its end user. Working credentials
// (a save, or a token call that succeeds again) clear the mark.
import "server-only";
import { auditRow } from "../audit";
import { db, type Database, type ProviderConfig } from "../db";
import { recordCredentialsRejected } from "../events";
import { log } from "../log";
import { CLIENT_REJECTIONS } from "../provider-client";

type ConfigRef = Pick<ProviderConfig, "id" | "applicationId" | "provider">;

/** Marks the settings as refused; the first refusal is audited, later ones find the mark already set. */
export async function markCredentialsRejected(config: ConfigRef, oauthError: string, during: "refresh" | "connect"): Promise<void> {
  const prisma = await db();
  const transitioned = await prisma.$transaction(async (tx) => {
    const marked = await tx.providerConfig.updateMany({ where: { id: config.id, credentialsRejectedAt: null }, data: { credentialsRejectedAt: new Date() } });
    if (marked.count === 0) return false;
    await tx.auditEvent.create({
      data: auditRow({
        action: "provider.credentials_rejected",
        actor: { type: "SYSTEM" },
        applicationId: config.applicationId,
        details: { provider: config.provider, error: oauthError, during },
      }),
    });
    await recordCredentialsRejected(tx, config, oauthError, during);
    return true;
  });
  if (transitioned)
    log.warn("provider rejected the application's client credentials", { applicationId: config.applicationId, provider: config.provider, oauthError, during });
}

/**
 * Clears the mark, and lets the connections that backed off because of the
 * refused client try again at once. Returns whether there was a mark.
 */
export async function clearCredentialsRejected(writer: Pick<Database, "providerConfig" | "connection">, config: ConfigRef): Promise<boolean> {
  const cleared = await writer.providerConfig.updateMany({
    where: { id: config.id, credentialsRejectedAt: { not: null } },
    data: { credentialsRejectedAt: null },
  });
  if (cleared.count === 0) return false;
  await writer.connection.updateMany({
    where: { applicationId: config.applicationId, provider: config.provider, status: "ACTIVE", lastError: { in: CLIENT_REJECTIONS } },
    data: { failureCount: 0, nextRetryAt: null, lastError: null },
  });
  return true;
}

// Turning a provider off and on, and deleting its settings along with what depends on them.
import "server-only";
import type { Actor } from "../actor";
import { getApplication } from "../applications";
import { auditRow, userActor } from "../audit";
import { db } from "../db";
import { revokeConnections } from "../events";
import { NotFound } from "../errors";
import { catalogProvider, dependentConnections, findConfig, summarize, type ProviderConfigSummary } from "./store";

/** A disabled provider refuses new connections; accounts already connected keep working. */
export async function setProviderEnabled(actor: Actor, applicationId: string, providerId: string, enabled: boolean): Promise<ProviderConfigSummary> {
  const application = await getApplication(actor, applicationId);
  const provider = catalogProvider(providerId);
  const existing = await findConfig(application.id, provider.id);
  if (!existing) throw new NotFound(`The ${provider.name} settings`);
  if (existing.enabled === enabled) return summarize(existing);
  const prisma = await db();
  const [config] = await prisma.$transaction([
    prisma.providerConfig.update({ where: { id: existing.id }, data: { enabled } }),
    prisma.auditEvent.create({
      data: auditRow({
        action: enabled ? "provider.enabled" : "provider.disabled",
        actor: userActor(actor),
        applicationId: application.id,
        details: { provider: provider.id },
      }),
    }),
  ]);
  return summarize(config);
}

/**
 * Deletes the settings. The connected accounts that used them cannot refresh
 * or be used any more: their tokens are deleted and they are marked revoked,
 * in the same transaction, so end users must connect again.
 */
export async function deleteProviderConfig(actor: Actor, applicationId: string, providerId: string): Promise<{ revokedConnections: number }> {
  const application = await getApplication(actor, applicationId);
  const provider = catalogProvider(providerId);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const existing = await findConfig(application.id, provider.id, tx);
    if (!existing) throw new NotFound(`The ${provider.name} settings`);
    const revokedConnections = await revokeConnections(tx, dependentConnections(application.id, provider.id), "provider_settings");
    await tx.providerConfig.delete({ where: { id: existing.id } });
    await tx.auditEvent.create({
      data: auditRow({
        action: "provider.deleted",
        actor: userActor(actor),
        applicationId: application.id,
        details: { provider: provider.id, clientId: existing.clientId, revokedConnections },
      }),
    });
    return { revokedConnections };
  });
}

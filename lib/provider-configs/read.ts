// Reading provider settings: for the portal (authorized by application) and
// for the OAuth flow (server-side, no actor, the one place the secret is opened).
import "server-only";
import type { Actor } from "../actor";
import { getApplication } from "../applications";
import { db, type ProviderConfig } from "../db";
import { findProvider } from "../providers";
import type { ClientCredentials } from "../provider-client";
import { catalogProvider, dependentConnections, findConfig, openClientSecret, splitScopes, summarize, type ProviderConfigSummary } from "./store";

/** The application's settings for a provider, or null when not set up. NotFound for an application the actor may not see, or a provider not in the catalog. */
export async function getProviderConfig(actor: Actor, applicationId: string, providerId: string): Promise<ProviderConfigSummary | null> {
  const application = await getApplication(actor, applicationId);
  const provider = catalogProvider(providerId);
  const config = await findConfig(application.id, provider.id);
  return config && summarize(config);
}

export async function listProviderConfigs(actor: Actor, applicationId: string): Promise<ProviderConfigSummary[]> {
  const application = await getApplication(actor, applicationId);
  const prisma = await db();
  const configs = await prisma.providerConfig.findMany({ where: { applicationId: application.id }, orderBy: [{ provider: "asc" }] });
  return configs.map(summarize);
}

/** Connected accounts that stop working if the provider's settings are deleted. */
export async function countDependentConnections(actor: Actor, applicationId: string, providerId: string): Promise<number> {
  const application = await getApplication(actor, applicationId);
  const provider = catalogProvider(providerId);
  const prisma = await db();
  return prisma.connection.count({ where: dependentConnections(application.id, provider.id) });
}

export type StoredProviderCredentials = {
  config: ProviderConfig;
  credentials: ClientCredentials;
  /** The scopes the application requires, to compare with what the provider granted. */
  requiredScopes: string[];
};

/**
 * For the OAuth flow and the token refresher (server-side, no actor): the
 * settings with the client secret opened, or null when the application has
 * none for this provider. Returned whether enabled or not: a disabled provider
 * refuses new connections (callers starting one must check `config.enabled`)
 * while accounts already connected keep working.
 */
export async function loadProviderCredentials(applicationId: string, providerId: string): Promise<StoredProviderCredentials | null> {
  const provider = findProvider(providerId);
  const config = provider ? await findConfig(applicationId, provider.id) : null;
  if (!config) return null;
  return {
    config,
    credentials: { clientId: config.clientId, clientSecret: openClientSecret(config) },
    requiredScopes: splitScopes(config.scopes),
  };
}

// The ProviderConfig rows: finding them, sealing their client secret, and the
// view of a row that is safe to hand to pages (no secret, not even sealed).
import "server-only";
import { openSecret, sealSecret, type Secret, type SealContext } from "../crypto";
import { ConnectionStatus, db, type Database, type Prisma, type ProviderConfig } from "../db";
import { NotFound, ValidationFailed } from "../errors";
import { findProvider, type ProviderDefinition } from "../providers";
import { fieldIssues } from "../validation";
import { providerInput } from "./schemas";

export type ProviderConfigSummary = {
  id: string;
  applicationId: string;
  provider: string;
  clientId: string;
  scopes: string[];
  enabled: boolean;
  /** When the client secret was last set; the secret itself is never shown. */
  secretUpdatedAt: Date;
  /** Since when the provider has refused the Client ID or Secret; null while it accepts them. */
  credentialsRejectedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** The connected accounts that use an application's settings for a provider (a revoked one has no tokens and depends on nothing). */
export function dependentConnections(applicationId: string, provider: string): Prisma.ConnectionWhereInput {
  return { applicationId, provider, status: { not: ConnectionStatus.REVOKED } };
}

type Reader = Pick<Database, "providerConfig">;

export async function findConfig(applicationId: string, provider: string, reader?: Reader): Promise<ProviderConfig | null> {
  const client = reader ?? (await db());
  return client.providerConfig.findUnique({ where: { applicationId_provider: { applicationId, provider } } });
}

export function summarize(config: ProviderConfig): ProviderConfigSummary {
  return {
    id: config.id,
    applicationId: config.applicationId,
    provider: config.provider,
    clientId: config.clientId,
    scopes: splitScopes(config.scopes),
    enabled: config.enabled,
    secretUpdatedAt: config.secretUpdatedAt,
    credentialsRejectedAt: config.credentialsRejectedAt,
    createdAt: config.createdAt,
    updatedAt: config.updatedAt,
  };
}

export function splitScopes(stored: string): string[] {
  return stored.split(" ").filter(Boolean);
}

function secretContext(configId: string): SealContext {
  return { table: "ProviderConfig", rowId: configId, field: "clientSecret" };
}

export function sealClientSecret(configId: string, secret: Secret): string {
  return sealSecret(secret, secretContext(configId));
}

export function openClientSecret(config: Pick<ProviderConfig, "id" | "clientSecret">): Secret {
  return openSecret(config.clientSecret, secretContext(config.id));
}

/** A provider named in a URL: one of the catalog's, or "not found". */
export function catalogProvider(id: string): ProviderDefinition {
  const provider = findProvider(id);
  if (!provider) throw new NotFound("The provider");
  return provider;
}

/** A provider named in submitted input (a hidden field): one of the catalog's, or a validation error. */
export function providerFromInput(input: unknown): ProviderDefinition {
  const parsed = providerInput.safeParse(input);
  if (!parsed.success) throw new ValidationFailed(fieldIssues(parsed.error), "That provider is not in the catalog. Nothing was saved.");
  return findProvider(parsed.data.provider)!;
}

/** Prisma's unique-constraint violation, from either database's client. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

// Saving a provider's settings: validate, authorize, ask the provider whether
// the credentials work (reported, never blocking), then create or update the
// application's one row for that provider. Credentials the provider accepts end
// an earlier refusal of the client (see credentials-rejection.ts).
import "server-only";
import type { Actor } from "../actor";
import { getApplication } from "../applications";
import { auditRow, userActor } from "../audit";
import { constantTimeEqual, type Secret } from "../crypto";
import { db, type ProviderConfig } from "../db";
import { newId } from "../ids";
import { checkClientCredentials, type CredentialCheck } from "../provider-client";
import type { ProviderDefinition } from "../providers";
import { parseInput } from "../validation";
import { clearCredentialsRejected } from "./credentials-rejection";
import { applicationIdInput, saveProviderConfigInput } from "./schemas";
import {
  findConfig,
  isUniqueViolation,
  openClientSecret,
  providerFromInput,
  sealClientSecret,
  splitScopes,
  summarize,
  type ProviderConfigSummary,
} from "./store";

export type SavedProviderConfig = {
  config: ProviderConfigSummary;
  outcome: "created" | "updated" | "unchanged";
  /** What the provider said about the saved Client ID and Secret. */
  credentialCheck: CredentialCheck;
};

type Settings = {
  clientId: string;
  /** The secret to save: the one typed, or the stored one when the field was left empty. */
  clientSecret: Secret;
  secretTyped: boolean;
  scopes: string[];
};

export async function saveProviderConfig(actor: Actor, input: unknown): Promise<SavedProviderConfig> {
  const provider = providerFromInput(input);
  const application = await getApplication(actor, parseInput(applicationIdInput, input).applicationId);
  const stored = await findConfig(application.id, provider.id);
  const { clientId, clientSecret, scopes } = parseInput(saveProviderConfigInput(provider, stored !== null), input);
  const secret = clientSecret ?? openClientSecret(stored!);

  const credentialCheck = await checkClientCredentials(provider, { clientId, clientSecret: secret });
  const settings: Settings = { clientId, clientSecret: secret, secretTyped: clientSecret !== undefined, scopes };
  const write = () => writeConfig(actor, application.id, provider, settings, credentialCheck);
  try {
    return { ...(await write()), credentialCheck };
  } catch (error) {
    // Two first saves at once (double click, two tabs): the other one created the row, so this one updates it.
    if (!isUniqueViolation(error)) throw error;
    return { ...(await write()), credentialCheck };
  }
}

async function writeConfig(actor: Actor, applicationId: string, provider: ProviderDefinition, settings: Settings, credentialCheck: CredentialCheck) {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const existing = await findConfig(applicationId, provider.id, tx);
    const audit = { actor: userActor(actor), applicationId };
    if (!existing) {
      const id = newId("pvc");
      const config = await tx.providerConfig.create({
        data: {
          id,
          applicationId,
          provider: provider.id,
          clientId: settings.clientId,
          clientSecret: sealClientSecret(id, settings.clientSecret),
          secretUpdatedAt: new Date(),
          scopes: settings.scopes.join(" "),
        },
      });
      const details = { provider: provider.id, clientId: settings.clientId, scopes: settings.scopes, credentialCheck };
      await tx.auditEvent.create({ data: auditRow({ ...audit, action: "provider.created", details }) });
      return { config: summarize(config), outcome: "created" as const };
    }

    const changes = changesBetween(existing, settings);
    const rejectionCleared = credentialCheck === "valid" && (await clearCredentialsRejected(tx, existing));
    if (changes.changed.length === 0 && !rejectionCleared) return { config: summarize(existing), outcome: "unchanged" as const };
    const config = await tx.providerConfig.update({
      where: { id: existing.id },
      data: {
        clientId: settings.clientId,
        scopes: settings.scopes.join(" "),
        ...(changes.secretReplaced ? { clientSecret: sealClientSecret(existing.id, settings.clientSecret), secretUpdatedAt: new Date() } : {}),
      },
    });
    await tx.auditEvent.create({
      data: auditRow({
        ...audit,
        action: "provider.updated",
        details: { provider: provider.id, ...changes, credentialCheck, ...(rejectionCleared ? { rejectionCleared } : {}) },
      }),
    });
    return { config: summarize(config), outcome: "updated" as const };
  });
}

/** What a save changes, as the audit log tells it: values for the client id and scopes, only a yes/no for the secret. */
function changesBetween(existing: ProviderConfig, settings: Settings) {
  const scopesBefore = splitScopes(existing.scopes);
  const clientIdChanged = existing.clientId !== settings.clientId;
  const scopesChanged = scopesBefore.join(" ") !== settings.scopes.join(" ");
  // Typing the same secret again (a second tab, a double click) is not a replacement.
  const secretReplaced = settings.secretTyped && !constantTimeEqual(openClientSecret(existing).reveal(), settings.clientSecret.reveal());
  return {
    changed: [clientIdChanged && "clientId", scopesChanged && "scopes", secretReplaced && "clientSecret"].filter((field) => field !== false),
    ...(clientIdChanged ? { clientId: { from: existing.clientId, to: settings.clientId } } : {}),
    ...(scopesChanged ? { scopes: { from: scopesBefore, to: settings.scopes } } : {}),
    secretReplaced,
  };
}

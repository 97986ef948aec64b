// What a developer may type into a provider's settings, checked at the edge.
import { z } from "zod";
import { Secret } from "../crypto";
import type { ProviderDefinition } from "../providers";
import { providerId } from "../providers";
import { requiredText } from "../validation";

/** Far longer than any real client id or secret; bounds what is sealed, stored and sent to the provider. */
const MAX_CREDENTIAL_LENGTH = 1000;

export const providerInput = z.object({ provider: providerId });

export const clientIdInput = requiredText("Client ID", MAX_CREDENTIAL_LENGTH);

/** An empty field means "keep the stored secret" (undefined); anything typed must be a real value. */
export const clientSecretInput = z
  .string()
  .default("")
  .refine((value) => value === "" || value.trim() !== "", "Client Secret cannot be only spaces.")
  .transform((value) => value.trim())
  .refine((value) => value.length <= MAX_CREDENTIAL_LENGTH, `Client Secret must be at most ${MAX_CREDENTIAL_LENGTH} characters.`)
  .transform((value) => (value === "" ? undefined : new Secret(value)));

/** The scopes the application requires: known to the provider, at least one, including the ones the vault needs. */
export function requiredScopesInput(provider: ProviderDefinition) {
  const catalog = provider.scopes.map((scope) => scope.id);
  return (
    z
      .array(z.string(), { error: "Choose at least one scope." })
      .min(1, "Choose at least one scope.")
      .superRefine((chosen, context) => {
        if (chosen.length === 0) return; // "at least one" says it all
        const unknown = chosen.filter((scope) => !catalog.includes(scope));
        if (unknown.length > 0) context.addIssue({ code: "custom", message: `${provider.name} has no scope called ${unknown.join(", ")}.` });
        for (const required of provider.requiredScopes) {
          if (!chosen.includes(required.id)) context.addIssue({ code: "custom", message: `${required.id} is needed: ${required.reason}` });
        }
      })
      // Stored in the catalog's order, each once.
      .transform((chosen) => catalog.filter((scope) => chosen.includes(scope)))
  );
}

/** Read before the rest: whether the application already stores a secret decides if one must be typed. */
export const applicationIdInput = z.object({ applicationId: z.string().min(1) });

/** The typed secret; an empty field is an error with these words when no secret is stored to fall back on. */
function secretInput(secretStored: boolean, requiredMessage: string) {
  return secretStored ? clientSecretInput : clientSecretInput.refine((secret) => secret !== undefined, requiredMessage);
}

// One schema per form, so a form that fails shows every field's problem at once.
export function saveProviderConfigInput(provider: ProviderDefinition, secretStored: boolean) {
  return z.object({
    clientId: clientIdInput,
    clientSecret: secretInput(secretStored, "Client Secret is required."),
    scopes: requiredScopesInput(provider),
  });
}

export function verifyCredentialsInput(secretStored: boolean) {
  return z.object({ clientId: clientIdInput, clientSecret: secretInput(secretStored, "Enter the Client Secret to verify it.") });
}

// "Verify credentials": asks the provider's token endpoint whether a Client ID
// and Secret are right, with no end user involved.
import "server-only";
import type { Actor } from "../actor";
import { getApplication } from "../applications";
import { recordAudit, userActor } from "../audit";
import { checkClientCredentials, type CredentialCheck } from "../provider-client";
import { parseInput } from "../validation";
import { applicationIdInput, verifyCredentialsInput } from "./schemas";
import { findConfig, openClientSecret, providerFromInput } from "./store";

/** Checks the typed Client ID with the typed Secret, or with the stored one when the Secret field is left empty. */
export async function verifyProviderCredentials(actor: Actor, input: unknown): Promise<CredentialCheck> {
  const provider = providerFromInput(input);
  const application = await getApplication(actor, parseInput(applicationIdInput, input).applicationId);
  const stored = await findConfig(application.id, provider.id);
  const { clientId, clientSecret } = parseInput(verifyCredentialsInput(stored !== null), input);
  const secret = clientSecret ?? openClientSecret(stored!);

  const result = await checkClientCredentials(provider, { clientId, clientSecret: secret });
  await recordAudit({
    action: "provider.credentials_verified",
    actor: userActor(actor),
    applicationId: application.id,
    details: { provider: provider.id, clientId, result, secret: clientSecret ? "typed" : "stored" },
  });
  return result;
}

// "Verify credentials": asks the token endpoint whether a Client ID and Secret are right, with no end user.
import "server-only";
import { getConfig } from "../config";
import { redirectUri, type ProviderDefinition } from "../providers";
import { refusesClient, ProviderUnreachable, TokenEndpointRefused } from "./errors";
import type { ClientCredentials } from "./server";
import { exchangeCode } from "./tokens";

export type CredentialCheck = "valid" | "invalid" | "unreachable";

/**
 * A code exchange with a code that cannot exist, sent as a real one would be (the vault's
 * redirect_uri where the provider wants it: GitLab answers a probe without one `invalid_request` before it looks at
 * the client). A refusal of the code (`invalid_grant`, GitHub's `bad_verification_code`) means the
 * client authenticated; `invalid_client` / `unauthorized_client` (GitHub's
 * `incorrect_client_credentials`, sent as HTTP 200) means it did not.
 */
export async function checkClientCredentials(provider: ProviderDefinition, client: ClientCredentials): Promise<CredentialCheck> {
  try {
    await exchangeCode(provider, client, { code: "latchkey-credential-check", redirectUri: redirectUri(getConfig().appUrl, provider) });
    return "valid";
  } catch (error) {
    if (error instanceof TokenEndpointRefused) return refusesClient(error.error) ? "invalid" : "valid";
    if (error instanceof ProviderUnreachable) return "unreachable";
    throw error;
  }
}

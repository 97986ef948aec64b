// Revokes the one token the vault holds at the provider, where the declaration names a way.
import "server-only";
import { processRevocationResponse, revocationRequest, ResponseBodyError } from "oauth4webapi";
import type { Secret } from "../crypto";
import type { ProviderDefinition } from "../providers";
import { ProviderUnreachable, RevocationRefused } from "./errors";
import { hostsOf, oauthFetch, requestOptions } from "./http";
import { authorizationServer, clientAuthentication, oauthClient, type ClientCredentials } from "./server";

/**
 * Returns false when the provider has no revocation endpoint; throws RevocationRefused or
 * ProviderUnreachable when revoking failed.
 */
export async function revoke(provider: ProviderDefinition, client: ClientCredentials, token: Secret): Promise<boolean> {
  const { revocation } = provider;
  if (revocation.kind === "none") return false;
  if (revocation.kind === "rfc7009") {
    const as = authorizationServer(provider);
    const response = await revocationRequest(
      as,
      oauthClient(client),
      clientAuthentication(provider, client),
      token.reveal(),
      requestOptions(provider, as.revocation_endpoint!, provider.headers.token),
    );
    try {
      await processRevocationResponse(response);
    } catch (error) {
      if (error instanceof ResponseBodyError) throw new RevocationRefused(error.status);
      throw new ProviderUnreachable("server_error", response.status);
    }
    return true;
  }
  await deleteClientToken(provider, client, token, revocation.path);
  return true;
}

/**
 * GitHub's `DELETE /applications/{client_id}/token` (../shared/GITHUB.md, "Revocation"): Basic
 * client credentials and a JSON body on the API host — not RFC 7009, so oauth4webapi has no call for it.
 */
async function deleteClientToken(provider: ProviderDefinition, client: ClientCredentials, token: Secret, path: string): Promise<void> {
  const basic = Buffer.from(`${client.clientId}:${client.clientSecret.reveal()}`).toString("base64");
  const url = new URL(hostsOf(provider).api + path.replace("{client_id}", encodeURIComponent(client.clientId)));
  const response = await oauthFetch(url, {
    method: "DELETE",
    headers: { ...provider.headers.api, authorization: `Basic ${basic}`, "content-type": "application/json" },
    body: JSON.stringify({ access_token: token.reveal() }),
  });
  await response.body?.cancel();
  if (!response.ok) throw new RevocationRefused(response.status);
}

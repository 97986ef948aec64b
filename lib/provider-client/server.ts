// A provider's declaration as oauth4webapi's AuthorizationServer and Client, built by hand:
// providers without discovery documents (Bitbucket, GitHub) are described the same way as GitLab.
import "server-only";
import { ClientSecretPost, type AuthorizationServer, type Client, type ClientAuth } from "oauth4webapi";
import type { Secret } from "../crypto";
import type { ProviderDefinition } from "../providers";
import { hostsOf, tokenEndpoint } from "./http";

export type ClientCredentials = { clientId: string; clientSecret: Secret };

export function authorizationServer(provider: ProviderDefinition): AuthorizationServer {
  const { auth } = hostsOf(provider);
  const { revocation } = provider;
  return {
    // GitLab's id_token names its base URL as issuer, so a self-managed GitLab's comes from GITLAB_BASE_URL.
    issuer: auth,
    authorization_endpoint: auth + provider.endpoints.authorize,
    token_endpoint: tokenEndpoint(provider),
    ...(revocation.kind === "rfc7009" ? { revocation_endpoint: auth + revocation.path } : {}),
  };
}

export function oauthClient(client: ClientCredentials): Client {
  return { client_id: client.clientId };
}

export function clientAuthentication(provider: ProviderDefinition, client: ClientCredentials): ClientAuth {
  const secret = client.clientSecret.reveal();
  return provider.clientAuth === "client_secret_basic" ? clientSecretBasic(secret) : ClientSecretPost(secret);
}

/**
 * client_secret_basic with id and secret form-encoded as URLSearchParams does (RFC 6749 §2.3.1).
 * oauth4webapi's ClientSecretBasic also percent-encodes `-`, `_`, `.` and `~`; a server that does
 * not form-decode Basic credentials (Bitbucket's fake compares them as sent, and BITBUCKET.md
 * documents plain `base64(key:secret)`) then refuses ids such as `demo-key`.
 */
function clientSecretBasic(secret: string): ClientAuth {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice("v=".length);
  return (_as, client, _body, headers) => {
    headers.set("authorization", `Basic ${Buffer.from(`${encode(client.client_id)}:${encode(secret)}`).toString("base64")}`);
  };
}

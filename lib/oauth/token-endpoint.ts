// The provider's token endpoint: authorization-code exchange and refresh.
// Written for the OAuth 2.0 token endpoint as providers really answer it:
// Bitbucket reports granted scopes in `scopes` (soon `scope`) and echoes the
// grant type in `state`, so the response is read through the provider's data.
import "server-only";
import { z } from "zod";
import { Secret } from "../crypto";
import type { ProviderDefinition } from "../providers";
import { providerHosts } from "../providers";
import { getConfig } from "../config";
import { assertNotTransient, providerFetch, ProviderUnreachable, readJsonBody } from "./provider-http";

export type ClientCredentials = { clientId: string; clientSecret: Secret };

export type TokenSet = {
  accessToken: Secret;
  /** null when the provider returned none (keep the one you have). */
  refreshToken: Secret | null;
  tokenType: string;
  expiresAt: Date;
  /** null when the response did not say. */
  grantedScopes: string[] | null;
};

/** The provider refused the grant: `error` is the OAuth error code (invalid_grant, unauthorized_client, ...). */
export class TokenEndpointRefused extends Error {
  override name = "TokenEndpointRefused";
  constructor(
    readonly error: string,
    readonly description: string | undefined,
    readonly status: number,
  ) {
    super(`token endpoint refused: ${error}`);
  }
}

/** The OAuth errors by which a token endpoint refuses the vault's own Client ID or Secret (consumer deleted, secret rotated). */
export const CLIENT_REJECTIONS = ["invalid_client", "unauthorized_client"];

export function refusesClient(oauthError: string): boolean {
  return CLIENT_REJECTIONS.includes(oauthError);
}

const successBody = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  token_type: z.string().default("bearer"),
  expires_in: z.coerce.number().positive().optional(),
});

const errorBody = z.object({ error: z.string(), error_description: z.string().optional() });

export async function requestToken(
  provider: ProviderDefinition,
  client: ClientCredentials,
  grant: { grant_type: "authorization_code"; code: string; redirect_uri?: string } | { grant_type: "refresh_token"; refresh_token: string },
): Promise<TokenSet> {
  const form = new URLSearchParams(grant);
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  if (provider.clientAuth === "basic") {
    // RFC 6749 §2.3.1: form-encode id and secret before Base64.
    const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret.reveal())}`).toString("base64");
    headers.authorization = `Basic ${basic}`;
  } else {
    form.set("client_id", client.clientId);
    form.set("client_secret", client.clientSecret.reveal());
  }
  const url = providerHosts(provider, getConfig().environment).auth + provider.endpoints.token;
  const response = await providerFetch(url, { method: "POST", headers, body: form.toString() });
  assertNotTransient(response);
  const body = await readJsonBody(response);
  if (!response.ok) {
    const refused = errorBody.safeParse(body);
    if (refused.success) throw new TokenEndpointRefused(refused.data.error, refused.data.error_description, response.status);
    throw new ProviderUnreachable("server_error", response.status);
  }
  const parsed = successBody.safeParse(body);
  if (!parsed.success) throw new ProviderUnreachable("server_error", response.status);
  return {
    accessToken: new Secret(parsed.data.access_token),
    refreshToken: parsed.data.refresh_token ? new Secret(parsed.data.refresh_token) : null,
    tokenType: parsed.data.token_type.toLowerCase(),
    expiresAt: new Date(Date.now() + 1000 * (parsed.data.expires_in ?? provider.defaultAccessTokenLifetimeSeconds)),
    grantedScopes: grantedScopes(provider, body as Record<string, unknown>),
  };
}

function grantedScopes(provider: ProviderDefinition, body: Record<string, unknown>): string[] | null {
  for (const field of provider.grantedScopeFields) {
    const value = body[field];
    if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  }
  return null;
}

export type CredentialCheck = "valid" | "invalid" | "unreachable";

/**
 * Asks the token endpoint whether a client id and secret are right, with no
 * end user: a code exchange with a code that cannot exist. `invalid_grant`
 * (the code) means the client authenticated; `unauthorized_client` /
 * `invalid_client` means it did not.
 */
export async function checkClientCredentials(provider: ProviderDefinition, client: ClientCredentials): Promise<CredentialCheck> {
  try {
    await requestToken(provider, client, { grant_type: "authorization_code", code: "latchkey-credential-check" });
    return "valid";
  } catch (error) {
    if (error instanceof TokenEndpointRefused) return refusesClient(error.error) ? "invalid" : "valid";
    if (error instanceof ProviderUnreachable) return "unreachable";
    throw error;
  }
}

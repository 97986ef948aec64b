// The token endpoint: authorization-code exchange and refresh, through oauth4webapi, with the
// answer read through the provider's declaration (granted-scope field and separator, tokens that
// never expire, the provider's own error names).
import "server-only";
import {
  genericTokenEndpointRequest,
  processGenericTokenEndpointResponse,
  refreshTokenGrantRequest,
  ResponseBodyError,
  WWWAuthenticateChallengeError,
  type TokenEndpointResponse,
} from "oauth4webapi";
import { z } from "zod";
import { Secret } from "../crypto";
import type { ProviderDefinition } from "../providers";
import { ProviderUnreachable, TokenEndpointRefused } from "./errors";
import { requestOptions, tokenEndpoint } from "./http";
import { authorizationServer, clientAuthentication, oauthClient, type ClientCredentials } from "./server";

export type TokenSet = {
  accessToken: Secret;
  /** null when the provider returned none (keep the one you have, or the token cannot be refreshed). */
  refreshToken: Secret | null;
  tokenType: string;
  /** null: the token never expires (GitHub's classic OAuth App tokens). */
  expiresAt: Date | null;
  /** null when the response did not say. */
  grantedScopes: string[] | null;
};

export type CodeExchange = {
  code: string;
  /** The redirect URI the authorize request named; sent where the declaration says the provider wants it. */
  redirectUri: string;
  /** The PKCE verifier of this authorization's state (for providers with PKCE). */
  codeVerifier?: string;
  /** The scopes the authorize request asked for: what was granted when the answer does not say and the grant cannot narrow. */
  requestedScopes?: string[];
};

export async function exchangeCode(provider: ProviderDefinition, client: ClientCredentials, exchange: CodeExchange): Promise<TokenSet> {
  const parameters = new URLSearchParams({ code: exchange.code });
  // genericTokenEndpointRequest rather than authorizationCodeGrantRequest: the latter always
  // sends redirect_uri, and Bitbucket is sent none (it uses the consumer's Callback URL).
  if (provider.redirectUriSent.exchange) parameters.set("redirect_uri", exchange.redirectUri);
  if (exchange.codeVerifier !== undefined) parameters.set("code_verifier", exchange.codeVerifier);
  const body = await callTokenEndpoint(provider, client, (as, auth, options) =>
    genericTokenEndpointRequest(as, oauthClient(client), auth, "authorization_code", parameters, options),
  );
  return tokenSet(provider, body, exchange.requestedScopes);
}

export async function refresh(provider: ProviderDefinition, client: ClientCredentials, refreshToken: Secret): Promise<TokenSet> {
  const body = await callTokenEndpoint(provider, client, (as, auth, options) =>
    refreshTokenGrantRequest(as, oauthClient(client), auth, refreshToken.reveal(), options),
  );
  return tokenSet(provider, body, undefined);
}

type TokenCall = (
  as: ReturnType<typeof authorizationServer>,
  auth: ReturnType<typeof clientAuthentication>,
  options: ReturnType<typeof requestOptions>,
) => Promise<Response>;

async function callTokenEndpoint(provider: ProviderDefinition, client: ClientCredentials, call: TokenCall): Promise<TokenEndpointResponse> {
  const as = authorizationServer(provider);
  const response = await call(as, clientAuthentication(provider, client), requestOptions(provider, tokenEndpoint(provider), provider.headers.token));
  try {
    return await processGenericTokenEndpointResponse(as, oauthClient(client), response);
  } catch (error) {
    throw await asProviderError(provider, error, response);
  }
}

const refusal = z.object({ error: z.string().min(1), error_description: z.string().optional() });

/** oauth4webapi's errors in the vault's words: a refusal with the OAuth code, or a provider not answering OAuth. */
async function asProviderError(provider: ProviderDefinition, error: unknown, response: Response): Promise<Error> {
  const refused = (body: unknown, status: number) => {
    const parsed = refusal.safeParse(body);
    if (!parsed.success) return null;
    const code = provider.tokenErrorAliases[parsed.data.error] ?? parsed.data.error;
    return new TokenEndpointRefused(code, parsed.data.error_description, status);
  };
  if (error instanceof ResponseBodyError) return refused(error.cause, error.status) ?? new ProviderUnreachable("server_error", error.status);
  // RFC 6749 §5.2: a 401 invalid_client may carry WWW-Authenticate (Doorkeeper's does); oauth4webapi
  // then reports the challenge instead of the body, which still holds the error.
  if (error instanceof WWWAuthenticateChallengeError) {
    const body: unknown = await response.json().catch(() => undefined);
    const challenge = error.cause[0]?.parameters.error;
    return refused(body, response.status) ?? refused({ error: challenge }, response.status) ?? new ProviderUnreachable("server_error", response.status);
  }
  if (error instanceof TokenEndpointRefused || error instanceof ProviderUnreachable) return error;
  // Not JSON, no access_token, an unknown token_type: the provider is not answering OAuth.
  return new ProviderUnreachable("server_error", response.status);
}

const tokenFields = z.object({
  expires_in: z.coerce.number().positive().optional(),
  refresh_token: z.string().min(1).optional(),
});

function tokenSet(provider: ProviderDefinition, body: TokenEndpointResponse, requestedScopes: string[] | undefined): TokenSet {
  const parsed = tokenFields.safeParse(body);
  if (!parsed.success) throw new ProviderUnreachable("server_error", 200);
  const lifetimeSeconds = parsed.data.expires_in ?? provider.defaultAccessTokenLifetimeSeconds;
  return {
    accessToken: new Secret(body.access_token),
    refreshToken: parsed.data.refresh_token ? new Secret(parsed.data.refresh_token) : null,
    tokenType: body.token_type,
    expiresAt: lifetimeSeconds === null ? null : new Date(Date.now() + 1000 * lifetimeSeconds),
    grantedScopes: grantedScopes(provider, body) ?? (provider.grantMayNarrow ? null : (requestedScopes ?? null)),
  };
}

function grantedScopes(provider: ProviderDefinition, body: TokenEndpointResponse): string[] | null {
  for (const field of provider.grantedScopeFields) {
    const value = body[field];
    if (typeof value === "string") {
      return value
        .split(provider.grantedScopeSeparator)
        .map((scope) => scope.trim())
        .filter(Boolean);
    }
  }
  return null;
}

// The authorization request (RFC 6749 §4.1.1) with PKCE S256 (RFC 7636), as each provider takes it.
import "server-only";
import { calculatePKCECodeChallenge, generateRandomCodeVerifier } from "oauth4webapi";
import type { ProviderDefinition } from "../providers";
import { authorizationServer } from "./server";

export type AuthorizationRequest = {
  state: string;
  redirectUri: string;
  /** The scopes the application needs; sent only where the provider lets the request choose. */
  scopes: string[];
  /** S256 challenge of this state's verifier; required for providers with PKCE, ignored otherwise. */
  codeChallenge?: string;
};

/** A fresh PKCE code verifier (32 random bytes, base64url): one per state, kept sealed with it. */
export function newCodeVerifier(): string {
  return generateRandomCodeVerifier();
}

export function codeChallengeOf(codeVerifier: string): Promise<string> {
  return calculatePKCECodeChallenge(codeVerifier);
}

export function authorizationUrl(provider: ProviderDefinition, client: { clientId: string }, request: AuthorizationRequest): URL {
  const url = new URL(authorizationServer(provider).authorization_endpoint!);
  url.searchParams.set("client_id", client.clientId);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("state", request.state);
  if (provider.redirectUriSent.authorize) url.searchParams.set("redirect_uri", request.redirectUri);
  if (provider.scopesRequestable && request.scopes.length > 0) url.searchParams.set("scope", request.scopes.join(provider.scopeSeparator));
  if (provider.pkce) {
    if (!request.codeChallenge) throw new TypeError(`${provider.name} authorizations need a PKCE code challenge`);
    url.searchParams.set("code_challenge", request.codeChallenge);
    url.searchParams.set("code_challenge_method", "S256");
  }
  return url;
}

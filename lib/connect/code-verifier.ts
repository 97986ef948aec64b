// A state's PKCE code verifier is sealed to its row and field, like every stored secret.
import "server-only";
import { openSecret, sealSecret, type Secret, type SealedValue } from "../crypto";

export function sealCodeVerifier(stateId: string, verifier: Secret): SealedValue {
  return sealSecret(verifier, { table: "OAuthState", rowId: stateId, field: "codeVerifier" });
}

export function openCodeVerifier(stateId: string, sealed: string): Secret {
  return openSecret(sealed, { table: "OAuthState", rowId: stateId, field: "codeVerifier" });
}

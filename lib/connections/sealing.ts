// A connection's tokens are sealed to their row and field.
import "server-only";
import { openSecret, sealSecret, type Secret, type SealedValue } from "../crypto";

type TokenField = "accessToken" | "refreshToken";

export function sealToken(connectionId: string, field: TokenField, token: Secret): SealedValue {
  return sealSecret(token, { table: "Connection", rowId: connectionId, field });
}

export function openToken(connectionId: string, field: TokenField, sealed: string): Secret {
  return openSecret(sealed, { table: "Connection", rowId: connectionId, field });
}

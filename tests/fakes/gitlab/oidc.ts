import { createHash, createSign, generateKeyPairSync, type JsonWebKey, type KeyObject } from "node:crypto";
import { SCOPE_DESCRIPTIONS } from "./scopes";
import type { FakeGitLabUser } from "./types";

/**
 * GitLab's OpenID Connect layer (doorkeeper-openid_connect, [OI]): with `openid` granted, the code
 * exchange also answers an RS256 `id_token` whose issuer is the GitLab base URL, verifiable with
 * the keys at `/oauth/discovery/keys`.
 */
const ID_TOKEN_LIFETIME_SECONDS = 120;

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url");
}

export class OidcSigner {
  private key: { privateKey: KeyObject; jwk: JsonWebKey; kid: string } | undefined;

  constructor(private readonly issuer: string) {}

  /** Made on first use: tests that never ask for `openid` do not pay for an RSA key. */
  private signingKey(): { privateKey: KeyObject; jwk: JsonWebKey; kid: string } {
    if (!this.key) {
      const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const jwk = publicKey.export({ format: "jwk" });
      // RFC 7638 thumbprint as key id, as doorkeeper-openid_connect does.
      const kid = base64url(
        createHash("sha256")
          .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
          .digest(),
      );
      this.key = { privateKey, jwk, kid };
    }
    return this.key;
  }

  jwks(): { keys: JsonWebKey[] } {
    const { jwk, kid } = this.signingKey();
    return { keys: [{ ...jwk, kid, use: "sig", alg: "RS256" }] };
  }

  idToken(input: { user: FakeGitLabUser; clientId: string; scopes: readonly string[]; nonce: string | null; baseUrl: string }) {
    const { user, clientId, scopes, nonce, baseUrl } = input;
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: this.issuer,
      sub: String(user.id),
      aud: clientId,
      exp: now + ID_TOKEN_LIFETIME_SECONDS,
      iat: now,
      auth_time: now,
      sub_legacy: createHash("sha256").update(`legacy:${user.id}`).digest("hex"),
    };
    if (nonce !== null) claims.nonce = nonce;
    if (scopes.includes("profile")) {
      Object.assign(claims, {
        name: user.name,
        nickname: user.username,
        preferred_username: user.username,
        profile: `${baseUrl}/${user.username}`,
        picture: user.avatarUrl,
      });
    }
    if (scopes.includes("email")) Object.assign(claims, { email: user.email, email_verified: true });
    const { privateKey, kid } = this.signingKey();
    const signingInput = `${base64url(JSON.stringify({ typ: "JWT", kid, alg: "RS256" }))}.${base64url(JSON.stringify(claims))}`;
    const signature = createSign("RSA-SHA256").update(signingInput).sign(privateKey);
    return `${signingInput}.${base64url(signature)}`;
  }

  discovery(): Record<string, unknown> {
    const at = (path: string): string => `${this.issuer}${path}`;
    return {
      issuer: this.issuer,
      authorization_endpoint: at("/oauth/authorize"),
      token_endpoint: at("/oauth/token"),
      revocation_endpoint: at("/oauth/revoke"),
      jwks_uri: at("/oauth/discovery/keys"),
      scopes_supported: Object.keys(SCOPE_DESCRIPTIONS),
      response_types_supported: ["code"],
      response_modes_supported: ["query", "fragment", "form_post"],
      grant_types_supported: ["authorization_code", "password", "client_credentials", "device_code", "refresh_token"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      claim_types_supported: ["normal"],
      claims_supported: [
        "iss",
        "sub",
        "aud",
        "exp",
        "iat",
        "sub_legacy",
        "name",
        "nickname",
        "preferred_username",
        "email",
        "email_verified",
        "website",
        "profile",
        "picture",
        "groups",
        "groups_direct",
      ],
      code_challenge_methods_supported: ["plain", "S256"],
    };
  }
}

// Signing secrets: `whsec_` and 24 random bytes in base64, the form the
// standardwebhooks and svix libraries take. Stored only sealed, bound to the
// endpoint row and field, like a provider's client secret.
import "server-only";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { openSecret, sealSecret, Secret, type SealContext } from "../crypto";
import type { WebhookEndpoint } from "../db";

type SecretField = "secret" | "previousSecret";

function context(endpointId: string, field: SecretField): SealContext {
  return { table: "WebhookEndpoint", rowId: endpointId, field };
}

export function newSigningSecret(): Secret {
  return new Secret(`whsec_${randomBytes(24).toString("base64")}`);
}

export function sealSigningSecret(endpointId: string, field: SecretField, secret: Secret): string {
  return sealSecret(secret, context(endpointId, field));
}

export function openCurrentSecret(endpoint: Pick<WebhookEndpoint, "id" | "secret">): Secret {
  return openSecret(endpoint.secret, context(endpoint.id, "secret"));
}

/** The secrets an attempt is signed with: the current one, and the previous one during the 24 h after a rotation. */
function signingSecrets(endpoint: WebhookEndpoint, now: Date): Secret[] {
  const secrets = [openCurrentSecret(endpoint)];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(openSecret(endpoint.previousSecret, context(endpoint.id, "previousSecret")));
  }
  return secrets;
}

/** The Standard Webhooks headers; during a rotation `webhook-signature` holds one `v1,…` per secret, space-separated. */
export function signedHeaders(endpoint: WebhookEndpoint, messageId: string, body: string, now: Date): Record<string, string> {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
    "webhook-signature": signingSecrets(endpoint, now)
      .map((secret) => new Webhook(secret.reveal()).sign(messageId, now, body))
      .join(" "),
  };
}

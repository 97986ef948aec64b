// An audit event as a sentence a person reads ("ada@acme.test created API key 'backend'")
// with its details as labelled fields, never JSON. Pure: the names behind the ids come in
// (lib/audit loadAuditNames), links point at what still exists.
import { roleLabel } from "@/components/admin/roles";
import { remoteRevocationSentence } from "@/components/connections/remote-revocation";
import { refreshErrorWords } from "@/components/connections/refresh-words";
import type { AuditEventView, AuditNames } from "@/lib/audit";
import { describeConnectFailure, isConnectFailureCode } from "@/lib/connect";
import { findProvider } from "@/lib/providers";

/** A piece of the sentence: words, or a named thing with a link when it still exists. */
export type Phrase = string | { text: string; href?: string };

export type AuditField = { label: string; value: string };

export type AuditDescription = { sentence: Phrase[]; fields: AuditField[] };

/** Every action the vault records, as the filter's dropdown names it. */
export const auditActions: Record<string, string> = {
  "application.created": "Application created",
  "application.renamed": "Application renamed",
  "application.deleted": "Application deleted",
  "application.allowed_origins_changed": "Allowed return origins changed",
  "application.branding_changed": "Connect page branding changed",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "provider.created": "Provider added",
  "provider.updated": "Provider settings changed",
  "provider.credentials_verified": "Provider credentials verified",
  "provider.credentials_rejected": "Provider refused the credentials",
  "provider.enabled": "Provider enabled",
  "provider.disabled": "Provider disabled",
  "provider.deleted": "Provider deleted",
  "connect_session.created": "Connect link created",
  "end_user_session.created": "End-user session created",
  "connection.created": "Account connected",
  "connection.reconnected": "Account reconnected",
  "connection.failed": "Connect attempt failed",
  "connection.token_read": "Token read",
  "connection.proxied": "Request proxied",
  "connection.refreshed": "Token refreshed",
  "connection.needs_reauthorization": "Needs re-authorization",
  "connection.disconnected": "Account disconnected",
  "user.signed_up": "Account signed up",
  "user.role_changed": "Role changed",
  "user.disabled": "Account disabled",
  "user.enabled": "Account enabled",
  "invitation.created": "Invitation created",
  "invitation.revoked": "Invitation revoked",
  "webhook.endpoint_created": "Webhook endpoint added",
  "webhook.endpoint_updated": "Webhook endpoint changed",
  "webhook.secret_rotated": "Webhook secret rotated",
  "webhook.endpoint_deleted": "Webhook endpoint deleted",
  "webhook.test_sent": "Webhook test sent",
  "webhook.delivery_resent": "Webhook delivery resent",
};

const refreshReasons: Record<string, string> = {
  expiring: "the token was about to expire",
  rejected: "the provider rejected the token",
  background: "scheduled refresh ahead of expiry",
};
const credentialChecks: Record<string, string> = {
  valid: "accepted",
  invalid: "refused",
  unreachable: "could not be checked (provider unreachable)",
};

function text(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

function providerName(id: unknown): string {
  const name = text(id);
  return (name && findProvider(name)?.name) ?? name ?? "the provider";
}

function list(value: unknown): string {
  return Array.isArray(value) && value.length ? value.map(String).join(", ") : "none";
}

/** A detail's value in words, however it is shaped: never JSON. */
function plainValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.length ? value.map(plainValue).join(", ") : "none";
  if (typeof value === "object")
    return Object.entries(value)
      .map(([key, inner]) => `${labelOf(key).toLowerCase()} ${plainValue(inner)}`)
      .join("; ");
  return "—";
}

/** camelCase or snake_case to words: "remoteRevocation" → "Remote revocation". */
function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[._-]+/g, " ")
    .toLowerCase()
    .replace(/\bid\b/g, "ID")
    .replace(/\bapi\b/g, "API")
    .replace(/\burl\b/g, "URL");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function field(label: string, value: unknown): AuditField {
  return { label, value: plainValue(value) };
}

type Context = { event: AuditEventView; names: AuditNames; details: Record<string, unknown> };

function actorPhrase({ event, names }: Context): Phrase {
  const id = event.actorId ?? "";
  switch (event.actorType) {
    case "USER":
      return names.users.get(id) ?? `a deleted account (${id})`;
    case "API_KEY": {
      const key = names.apiKeys.get(id);
      return key ? { text: `API key '${key.name}'`, href: `/applications/${key.applicationId}/api-keys` } : "a deleted API key";
    }
    case "END_USER":
      return `End user ${id}`;
    case "SYSTEM":
      return "Latchkey";
  }
}

/** "Bitbucket · ada (user-42)", linked to the connection while it exists. */
function connectionPhrase({ event, names, details }: Context): Phrase {
  const connection = event.connectionId ? names.connections.get(event.connectionId) : undefined;
  const provider = providerName(connection?.provider ?? details.provider);
  const endUserId = connection?.endUserId ?? text(details.endUserId);
  const who = connection?.accountLogin ? `${connection.accountLogin}${endUserId ? ` (${endUserId})` : ""}` : (endUserId ?? "an unknown end user");
  const words = `${provider} · ${who}`;
  return connection ? { text: words, href: `/applications/${connection.applicationId}/connections/${event.connectionId}` } : words;
}

function applicationPhrase({ event, names, details }: Context): Phrase {
  const name = event.applicationId ? names.applications.get(event.applicationId) : undefined;
  if (name && event.applicationId) return { text: `application '${name}'`, href: `/applications/${event.applicationId}` };
  return `application '${text(details.name) ?? "(deleted)"}'`;
}

function userPhrase({ names, details }: Context): Phrase {
  const id = text(details.userId) ?? "";
  return names.users.get(id) ?? `a deleted account (${id})`;
}

type Describer = (context: Context, actor: Phrase) => AuditDescription;

const describers: Record<string, Describer> = {
  "application.created": (c, actor) => ({ sentence: [actor, " created ", applicationPhrase(c)], fields: [] }),
  "application.renamed": (c, actor) => ({
    sentence: [actor, ` renamed application '${text(c.details.from) ?? "?"}' to `, applicationPhrase({ ...c, details: { name: c.details.to } })],
    fields: [],
  }),
  "application.deleted": (c, actor) => ({ sentence: [actor, ` deleted application '${text(c.details.name) ?? "?"}'`], fields: [] }),
  "application.allowed_origins_changed": (c, actor) => ({
    sentence: [actor, " changed the allowed return origins of ", applicationPhrase(c)],
    fields: [field("Before", list(c.details.from)), field("After", list(c.details.to))],
  }),
  "application.branding_changed": (c, actor) => ({
    sentence: [actor, " changed the connect page branding of ", applicationPhrase(c)],
    fields: [field("Logo URL", c.details.logoUrl), field("Accent color", c.details.accentColor)],
  }),
  "api_key.created": (c, actor) => ({ sentence: [actor, " created ", apiKeyPhrase(c)], fields: [] }),
  "api_key.revoked": (c, actor) => ({ sentence: [actor, " revoked ", apiKeyPhrase(c)], fields: [] }),
  "provider.created": (c, actor) => ({
    sentence: [actor, ` added ${providerName(c.details.provider)} to `, applicationPhrase(c)],
    fields: [field("Client ID", c.details.clientId), field("Scopes", list(c.details.scopes)), credentialCheck(c)],
  }),
  "provider.updated": (c, actor) => ({
    sentence: [actor, ` changed the ${providerName(c.details.provider)} settings of `, applicationPhrase(c)],
    fields: [
      ...fromTo(c.details.clientId, "Client ID"),
      ...fromTo(c.details.scopes, "Scopes"),
      field("Client Secret replaced", Boolean(c.details.secretReplaced)),
      credentialCheck(c),
    ],
  }),
  "provider.credentials_verified": (c, actor) => ({
    sentence: [actor, ` verified the ${providerName(c.details.provider)} Client ID and Secret`],
    fields: [field("Client ID", c.details.clientId), field("Result", credentialChecks[text(c.details.result) ?? ""] ?? c.details.result)],
  }),
  "provider.credentials_rejected": (c) => ({
    sentence: [`${providerName(c.details.provider)} refused the Client ID or Secret of `, applicationPhrase(c)],
    fields: [field("Error", c.details.error), field("During", c.details.during)],
  }),
  "provider.enabled": (c, actor) => ({ sentence: [actor, ` enabled ${providerName(c.details.provider)}`], fields: [] }),
  "provider.disabled": (c, actor) => ({ sentence: [actor, ` disabled ${providerName(c.details.provider)}`], fields: [] }),
  "provider.deleted": (c, actor) => ({
    sentence: [actor, ` deleted the ${providerName(c.details.provider)} settings of `, applicationPhrase(c)],
    fields: [field("Client ID", c.details.clientId), field("Connections revoked", c.details.revokedConnections ?? 0)],
  }),
  "connect_session.created": (c, actor) => ({
    sentence: [actor, ` created a ${providerName(c.details.provider)} connect link for end user ${text(c.details.endUserId) ?? "?"}`],
    fields: [],
  }),
  "end_user_session.created": (c, actor) => ({ sentence: [actor, ` created an end-user session for ${text(c.details.endUserId) ?? "?"}`], fields: [] }),
  "connection.created": (c, actor) => ({ sentence: [actor, " connected ", connectionPhrase(c)], fields: missingScopes(c) }),
  "connection.reconnected": (c, actor) => ({ sentence: [actor, " reconnected ", connectionPhrase(c)], fields: missingScopes(c) }),
  "connection.failed": (c, actor) => {
    const provider = providerName(c.details.provider);
    const code = text(c.details.code) ?? "unknown";
    return {
      sentence: [actor, ` could not connect ${provider}`],
      fields: [field("Reason", isConnectFailureCode(code) ? describeConnectFailure(code, provider) : code)],
    };
  },
  "connection.token_read": (c, actor) => ({ sentence: [actor, " read the token of ", connectionPhrase(c)], fields: [] }),
  "connection.proxied": (c, actor) => ({
    sentence: [actor, ` sent ${text(c.details.method) ?? "a request"} ${text(c.details.path) ?? ""} for `, connectionPhrase(c)],
    fields: [field("Status", c.details.status)],
  }),
  "connection.refreshed": (c, actor) => ({
    sentence: [actor, " refreshed the token of ", connectionPhrase(c)],
    fields: [field("Why", refreshReasons[text(c.details.reason) ?? ""] ?? c.details.reason), field("Refresh token rotated", Boolean(c.details.rotated))],
  }),
  "connection.needs_reauthorization": (c) => {
    const provider = providerName(c.event.connectionId ? c.names.connections.get(c.event.connectionId)?.provider : undefined);
    return {
      sentence: [`${provider} refused the refresh token of `, connectionPhrase(c), ": the end user must connect again"],
      fields: [field("Reason", refreshErrorWords(text(c.details.reason) ?? "unknown", provider))],
    };
  },
  "connection.disconnected": (c, actor) => {
    const provider = providerName(c.details.provider);
    return {
      sentence: [actor, " disconnected ", connectionPhrase(c)],
      fields: c.details.remoteRevocation
        ? [field(`At ${provider}`, remoteRevocationSentence(provider, c.details.remoteRevocation) ?? c.details.remoteRevocation)]
        : [],
    };
  },
  "user.signed_up": (c, actor) => ({
    sentence: [actor, ` signed up as ${roleLabel(c.details.role)}`],
    fields: [field("Invited", Boolean(c.details.invited))],
  }),
  "user.role_changed": (c, actor) => ({
    sentence: [actor, " changed the role of ", userPhrase(c), ` from ${roleLabel(c.details.from)} to ${roleLabel(c.details.to)}`],
    fields: [],
  }),
  "user.disabled": (c, actor) => ({ sentence: [actor, " disabled ", userPhrase(c)], fields: [] }),
  "user.enabled": (c, actor) => ({ sentence: [actor, " enabled ", userPhrase(c)], fields: [] }),
  "invitation.created": (c, actor) => ({ sentence: [actor, ` invited ${invitee(c)} as ${roleLabel(c.details.role)}`], fields: [] }),
  "invitation.revoked": (c, actor) => ({ sentence: [actor, ` revoked the invitation of ${invitee(c)}`], fields: [] }),
  "webhook.endpoint_created": (c, actor) => ({
    sentence: [actor, ` added the webhook endpoint ${endpointUrl(c)} to `, applicationPhrase(c)],
    fields: [field("Events", list(c.details.events))],
  }),
  "webhook.endpoint_updated": (c, actor) => ({
    sentence: [actor, " changed a webhook endpoint of ", applicationPhrase(c)],
    fields: Object.entries(c.details)
      .filter(([key]) => key !== "endpointId")
      .map(([key, value]) => field(key === "url" ? "URL" : labelOf(key), value)),
  }),
  "webhook.secret_rotated": (c, actor) => ({ sentence: [actor, " rotated the signing secret of a webhook endpoint of ", applicationPhrase(c)], fields: [] }),
  "webhook.endpoint_deleted": (c, actor) => ({ sentence: [actor, ` deleted the webhook endpoint ${endpointUrl(c)}`], fields: [] }),
  "webhook.test_sent": (c, actor) => ({ sentence: [actor, " sent a test event to a webhook endpoint of ", applicationPhrase(c)], fields: [] }),
  "webhook.delivery_resent": (c, actor) => ({
    sentence: [actor, " resent a webhook delivery of ", applicationPhrase(c)],
    fields: [field("Event ID", c.details.eventId)],
  }),
};

function endpointUrl({ details }: Context): string {
  return text(details.url) ?? "(address not recorded)";
}

function apiKeyPhrase({ names, details }: Context): Phrase {
  const key = names.apiKeys.get(text(details.apiKeyId) ?? "");
  const words = `API key '${key?.name ?? text(details.name) ?? "?"}'`;
  return key ? { text: words, href: `/applications/${key.applicationId}/api-keys` } : words;
}

function invitee({ details }: Context): string {
  return text(details.email) ?? "anyone with the link";
}

function credentialCheck({ details }: Context): AuditField {
  return field("Credentials", credentialChecks[text(details.credentialCheck) ?? ""] ?? details.credentialCheck);
}

function fromTo(change: unknown, label: string): AuditField[] {
  if (!change || typeof change !== "object") return [];
  const { from, to } = change as { from?: unknown; to?: unknown };
  return [field(`${label} before`, from), field(`${label} after`, to)];
}

function missingScopes({ details }: Context): AuditField[] {
  return Array.isArray(details.missingScopes) && details.missingScopes.length ? [field("Missing scopes", details.missingScopes)] : [];
}

/** The sentence and fields of one event; an action this table does not know still reads as words. */
export function describeAuditEvent(event: AuditEventView, names: AuditNames): AuditDescription {
  const context: Context = { event, names, details: event.details };
  const actor = actorPhrase(context);
  const describe = describers[event.action];
  if (describe) return describe(context, actor);
  return {
    sentence: [actor, `: ${labelOf(event.action).toLowerCase()}`],
    fields: Object.entries(event.details).map(([key, value]) => field(labelOf(key), value)),
  };
}

/** The sentence as plain text (what a screen reader or a test reads). */
export function sentenceText(sentence: Phrase[]): string {
  return sentence.map((phrase) => (typeof phrase === "string" ? phrase : phrase.text)).join("");
}

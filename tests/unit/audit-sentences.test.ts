// The audit log reads as sentences: one per known action, with names instead of ids and
// details as labelled fields; an action it does not know still reads as words, never JSON.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { auditActions, describeAuditEvent, sentenceText } from "@/components/audit/describe";
import type { AuditEventView, AuditNames } from "@/lib/audit";

const names: AuditNames = {
  users: new Map([
    ["usr_ada", "ada@acme.test"],
    ["usr_bob", "bob@acme.test"],
  ]),
  apiKeys: new Map([["key_1", { name: "backend", applicationId: "app_1" }]]),
  connections: new Map([["conn_1", { applicationId: "app_1", provider: "bitbucket", endUserId: "user-42", accountLogin: "ada", status: "ACTIVE" as const }]]),
  applications: new Map([["app_1", "Acme CI"]]),
};

function event(
  action: string,
  actor: Pick<AuditEventView, "actorType" | "actorId">,
  details: Record<string, unknown> = {},
  connectionId: string | null = null,
) {
  return {
    id: `evt_${action}`,
    createdAt: new Date("2026-11-28T14:03:00Z"),
    action,
    ...actor,
    applicationId: "app_1",
    connectionId,
    ipAddress: null,
    details,
  } satisfies AuditEventView;
}

const ada = { actorType: "USER", actorId: "usr_ada" } as const;
const key = { actorType: "API_KEY", actorId: "key_1" } as const;
const endUser = { actorType: "END_USER", actorId: "user-42" } as const;
const system = { actorType: "SYSTEM", actorId: null } as const;

// One event of every action the vault records, and the sentence an admin reads for it.
const cases: [AuditEventView, string][] = [
  [event("application.created", ada, { name: "Acme CI" }), "ada@acme.test created application 'Acme CI'"],
  [event("application.renamed", ada, { from: "Acme", to: "Acme CI" }), "ada@acme.test renamed application 'Acme' to application 'Acme CI'"],
  [event("application.deleted", ada, { name: "Old" }), "ada@acme.test deleted application 'Old'"],
  [
    event("application.allowed_origins_changed", ada, { from: [], to: ["https://app.example"] }),
    "ada@acme.test changed the allowed return origins of application 'Acme CI'",
  ],
  [
    event("application.branding_changed", ada, { logoUrl: null, accentColor: "#4f46e5" }),
    "ada@acme.test changed the connect page branding of application 'Acme CI'",
  ],
  [event("api_key.created", ada, { apiKeyId: "key_1", name: "backend" }), "ada@acme.test created API key 'backend'"],
  [event("api_key.revoked", ada, { apiKeyId: "key_gone", name: "old" }), "ada@acme.test revoked API key 'old'"],
  [
    event("provider.created", ada, { provider: "bitbucket", clientId: "abc", scopes: ["account"], credentialCheck: "valid" }),
    "ada@acme.test added Bitbucket to application 'Acme CI'",
  ],
  [
    event("provider.updated", ada, { provider: "gitlab", changed: ["scopes"], scopes: { from: ["api"], to: ["read_api"] }, secretReplaced: false }),
    "ada@acme.test changed the GitLab settings of application 'Acme CI'",
  ],
  [
    event("provider.credentials_verified", ada, { provider: "github", clientId: "abc", result: "invalid", secret: "typed" }),
    "ada@acme.test verified the GitHub Client ID and Secret",
  ],
  [
    event("provider.credentials_rejected", system, { provider: "bitbucket", error: "invalid_client", during: "refresh" }),
    "Bitbucket refused the Client ID or Secret of application 'Acme CI'",
  ],
  [event("provider.enabled", ada, { provider: "bitbucket" }), "ada@acme.test enabled Bitbucket"],
  [event("provider.disabled", ada, { provider: "bitbucket" }), "ada@acme.test disabled Bitbucket"],
  [
    event("provider.deleted", ada, { provider: "bitbucket", clientId: "abc", revokedConnections: 2 }),
    "ada@acme.test deleted the Bitbucket settings of application 'Acme CI'",
  ],
  [
    event("connect_session.created", key, { connectSessionId: "cs_1", endUserId: "user-42", provider: "bitbucket" }),
    "API key 'backend' created a Bitbucket connect link for end user user-42",
  ],
  [event("end_user_session.created", key, { endUserSessionId: "eus_1", endUserId: "user-42" }), "API key 'backend' created an end-user session for user-42"],
  [event("connection.created", endUser, { provider: "bitbucket", missingScopes: [] }, "conn_1"), "End user user-42 connected Bitbucket · ada (user-42)"],
  [
    event("connection.reconnected", endUser, { provider: "bitbucket", missingScopes: ["pullrequest"] }, "conn_1"),
    "End user user-42 reconnected Bitbucket · ada (user-42)",
  ],
  [event("connection.failed", endUser, { provider: "bitbucket", code: "access_denied" }), "End user user-42 could not connect Bitbucket"],
  [event("connection.token_read", key, {}, "conn_1"), "API key 'backend' read the token of Bitbucket · ada (user-42)"],
  [
    event("connection.proxied", key, { method: "GET", path: "/2.0/user", status: 200 }, "conn_1"),
    "API key 'backend' sent GET /2.0/user for Bitbucket · ada (user-42)",
  ],
  [event("connection.refreshed", system, { reason: "expiring", rotated: true }, "conn_1"), "Latchkey refreshed the token of Bitbucket · ada (user-42)"],
  [
    event("connection.needs_reauthorization", system, { reason: "invalid_grant" }, "conn_1"),
    "Bitbucket refused the refresh token of Bitbucket · ada (user-42): the end user must connect again",
  ],
  [
    event("connection.disconnected", ada, { provider: "bitbucket", endUserId: "user-9", remoteRevocation: "revoked" }, "conn_deleted"),
    "ada@acme.test disconnected Bitbucket · user-9",
  ],
  [event("user.signed_up", ada, { role: "DEVELOPER", invited: true }), "ada@acme.test signed up as Developer"],
  [
    event("user.role_changed", ada, { userId: "usr_bob", from: "DEVELOPER", to: "ADMIN" }),
    "ada@acme.test changed the role of bob@acme.test from Developer to Admin",
  ],
  [event("user.disabled", ada, { userId: "usr_bob" }), "ada@acme.test disabled bob@acme.test"],
  [event("user.enabled", ada, { userId: "usr_bob" }), "ada@acme.test enabled bob@acme.test"],
  [event("invitation.created", ada, { invitationId: "inv_1", role: "ADMIN", email: "carol@acme.test" }), "ada@acme.test invited carol@acme.test as Admin"],
  [event("invitation.revoked", ada, { invitationId: "inv_1", role: "ADMIN", email: null }), "ada@acme.test revoked the invitation of anyone with the link"],
  [
    event("webhook.endpoint_created", ada, { endpointId: "whe_1", url: "https://hooks.example/latchkey", events: ["connection.created"] }),
    "ada@acme.test added the webhook endpoint https://hooks.example/latchkey to application 'Acme CI'",
  ],
  [event("webhook.endpoint_updated", ada, { endpointId: "whe_1", enabled: false }), "ada@acme.test changed a webhook endpoint of application 'Acme CI'"],
  [event("webhook.secret_rotated", ada, { endpointId: "whe_1" }), "ada@acme.test rotated the signing secret of a webhook endpoint of application 'Acme CI'"],
  [
    event("webhook.endpoint_deleted", ada, { endpointId: "whe_1", url: "https://hooks.example/latchkey" }),
    "ada@acme.test deleted the webhook endpoint https://hooks.example/latchkey",
  ],
  [
    event("webhook.test_sent", ada, { endpointId: "whe_1", eventId: "evt_1" }),
    "ada@acme.test sent a test event to a webhook endpoint of application 'Acme CI'",
  ],
  [
    event("webhook.delivery_resent", ada, { endpointId: "whe_1", deliveryId: "whd_1", eventId: "evt_1" }),
    "ada@acme.test resent a webhook delivery of application 'Acme CI'",
  ],
];

/** Every action the code records: `action: "a.b"` and `action: flag ? "a.b" : "c.d"` in lib/. */
function recordedActions(): string[] {
  const found = new Set<string>();
  const files = readdirSync("lib", { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts") && !file.includes("generated"));
  for (const file of files) {
    const source = readFileSync(path.join("lib", file), "utf8");
    for (const match of source.matchAll(/action:\s*(?:[^,}"]*\?\s*)?"([a-z_]+\.[a-z_]+)"(?:\s*:\s*"([a-z_]+\.[a-z_]+)")?/g)) {
      found.add(match[1]!);
      if (match[2]) found.add(match[2]);
    }
  }
  return [...found].sort();
}

describe("audit events as sentences", () => {
  test("every action the code records is known, with its own sentence, and has a case here", () => {
    expect(recordedActions().filter((action) => !(action in auditActions))).toEqual([]);
    expect(cases.map(([e]) => e.action).sort()).toEqual(Object.keys(auditActions).sort());
  });

  test.each(cases.map(([audited, sentence]) => ({ action: audited.action, audited, sentence })))("$action reads as a sentence", ({ audited, sentence }) => {
    const { sentence: phrases, fields } = describeAuditEvent(audited, names);
    expect(sentenceText(phrases)).toBe(sentence);
    for (const { label, value } of fields) expect(`${label} ${value}`).not.toMatch(/[{}[\]"]/);
  });

  test("things that still exist are links: the API key to its application's keys, the connection to its page", () => {
    const { sentence } = describeAuditEvent(event("connection.token_read", key, {}, "conn_1"), names);
    expect(sentence.filter((phrase) => typeof phrase !== "string")).toEqual([
      { text: "API key 'backend'", href: "/applications/app_1/api-keys" },
      { text: "Bitbucket · ada (user-42)", href: "/applications/app_1/connections/conn_1" },
    ]);
  });

  test("details are labelled fields in words", () => {
    expect(describeAuditEvent(event("connection.needs_reauthorization", system, { reason: "invalid_grant" }, "conn_1"), names).fields).toEqual([
      { label: "Reason", value: "the end user revoked access, or the grant expired" },
    ]);
    expect(
      describeAuditEvent(
        event("provider.updated", ada, { provider: "gitlab", scopes: { from: ["api"], to: ["read_api", "read_user"] }, secretReplaced: true }),
        names,
      ).fields,
    ).toEqual([
      { label: "Scopes before", value: "api" },
      { label: "Scopes after", value: "read_api, read_user" },
      { label: "Client Secret replaced", value: "yes" },
      { label: "Credentials", value: "—" },
    ]);
    expect(describeAuditEvent(event("connection.failed", endUser, { provider: "bitbucket", code: "access_denied" }), names).fields[0]!.value).not.toBe(
      "access_denied",
    );
  });

  test("an action it does not know reads as words with every detail labelled, never JSON", () => {
    const { sentence, fields } = describeAuditEvent(event("backup.snapshot_taken", ada, { snapshotId: "snp_1", tables: ["a", "b"], retry: { max: 3 } }), names);
    expect(sentenceText(sentence)).toBe("ada@acme.test: backup snapshot taken");
    expect(fields).toEqual([
      { label: "Snapshot ID", value: "snp_1" },
      { label: "Tables", value: "a, b" },
      { label: "Retry", value: "max 3" },
    ]);
  });

  test("an actor deleted since is said to be deleted, not shown as an id alone", () => {
    expect(sentenceText(describeAuditEvent(event("api_key.created", { actorType: "USER", actorId: "usr_gone" }, { name: "x" }), names).sentence)).toBe(
      "a deleted account (usr_gone) created API key 'x'",
    );
  });
});

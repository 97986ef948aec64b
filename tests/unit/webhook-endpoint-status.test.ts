// What the portal says about a webhook endpoint's state, in words.
import { expect, test } from "vitest";
import { endpointStatus, eventsSummary } from "@/components/webhooks/endpoint-status";
import type { WebhookEndpointView } from "@/lib/webhooks";

const endpoint: WebhookEndpointView = {
  id: "whep_1",
  applicationId: "app_1",
  url: "https://app.example/hooks",
  events: [],
  disabledAt: null,
  disabledReason: null,
  failingSince: null,
  previousSecretExpiresAt: null,
  createdAt: new Date("2026-11-01T00:00:00Z"),
};

test("an endpoint the vault disabled after 3 days of failures says so, since when, and what to do", () => {
  const disabled = {
    ...endpoint,
    disabledAt: new Date("2026-11-04T00:00:00Z"),
    disabledReason: "failing" as const,
    failingSince: new Date("2026-11-01T00:00:00Z"),
  };
  expect(endpointStatus(disabled)).toBe(
    "Disabled: every delivery failed for 3 days (failing since 2026-11-01 00:00 UTC), so nothing is sent to it. Fix the receiver, then enable it.",
  );
  expect(endpointStatus({ ...endpoint, failingSince: new Date("2026-11-01T00:00:00Z") })).toBe(
    "Active, but failing since 2026-11-01 00:00 UTC: it is disabled after 3 days of failures.",
  );
  expect(endpointStatus(endpoint)).toBe("Active");
});

test("no chosen events means all of them", () => {
  expect(eventsSummary(endpoint)).toBe("All events");
  expect(eventsSummary({ ...endpoint, events: ["connection.created", "connection.deleted"] })).toBe("connection.created, connection.deleted");
});

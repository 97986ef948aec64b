// What the settings form says after Save and Verify, in words for the developer.
import type { CredentialCheck } from "@/lib/provider-client";
import type { ProviderFormState } from "./provider-form-state";

export function verifiedState(providerName: string, check: CredentialCheck): ProviderFormState {
  switch (check) {
    case "valid":
      return { status: "success", message: `${providerName} accepted these credentials.` };
    case "invalid":
      return { status: "error", message: `${providerName} rejected the Client ID or Secret. Copy both again from ${providerName}.` };
    case "unreachable":
      return { status: "idle", warning: `Could not reach ${providerName} to check the credentials. Try again in a moment.` };
  }
}

export function savedState(providerName: string, outcome: "created" | "updated" | "unchanged", check: CredentialCheck): ProviderFormState {
  const saved = {
    created: `${providerName} is saved and Active.`,
    updated: "Changes saved.",
    unchanged: "Nothing to change: these settings were already saved.",
  }[outcome];
  // A failed check never blocks saving: the credentials may be fixed on the provider's side, or it may be down.
  const warning = {
    valid: undefined,
    invalid: `${providerName} rejected the Client ID or Secret: end users cannot connect until they are right.`,
    unreachable: `Could not reach ${providerName} to check the credentials; they were saved anyway. Use Verify credentials later.`,
  }[check];
  return { status: "success", message: check === "valid" ? `${saved} ${providerName} accepted the credentials.` : saved, warning };
}

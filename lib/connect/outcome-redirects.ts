// Where the end user goes after the dance. A plain success goes straight back
// to the developer's return URL; a failure too, with its code. Without a
// return URL, or when scopes are missing (the end user should read which),
// the vault's own result page explains.
import type { CallbackOutcome } from "./callback";
import type { ConnectFailureCode } from "./failures";

function withParams(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

export function failurePage(appUrl: string, providerId: string, code: ConnectFailureCode): string {
  return withParams(`${appUrl}/connect/result`, { outcome: "failed", provider: providerId, error: code });
}

export function returnUrlAfterSuccess(returnUrl: string, connectionId: string, missingScopes: string[]): string {
  return withParams(returnUrl, { connectionId, status: "success", ...(missingScopes.length ? { missingScopes: missingScopes.join(" ") } : {}) });
}

export function redirectAfterCallback(appUrl: string, providerId: string, outcome: CallbackOutcome): string {
  if (outcome.kind === "failed") {
    return outcome.returnUrl ? withParams(outcome.returnUrl, { status: "error", error: outcome.code }) : failurePage(appUrl, providerId, outcome.code);
  }
  if (outcome.returnUrl && outcome.missingScopes.length === 0) return returnUrlAfterSuccess(outcome.returnUrl, outcome.connectionId, []);
  return withParams(`${appUrl}/connect/result`, { outcome: "connected", connection: outcome.connectionId, session: outcome.connectSessionId });
}

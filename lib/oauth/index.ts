// The OAuth dance's public entry.
export { beginAuthorization, BROWSER_BINDING_COOKIE, STATE_LIFETIME_MS } from "./authorize";
export { completeAuthorization, type CallbackOutcome } from "./callback";
export { describeConnectFailure, isConnectFailureCode, type ConnectFailureCode } from "./failures";
export { failurePage, redirectAfterCallback, returnUrlAfterSuccess } from "./outcome-redirects";

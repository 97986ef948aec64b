// The connect dance's public entry (floor 4): connect sessions, state,
// authorize, callback and the result page, and the end users' own
// connected-accounts page (end-user sessions), which starts the same dance. It
// uses the stores and the OAuth protocol client below it; nothing in lib/
// imports it back.
export { beginAuthorization, BROWSER_BINDING_COOKIE, STATE_LIFETIME_MS } from "./authorize";
export { completeAuthorization, type CallbackOutcome } from "./callback";
export { describeConnectFailure, isConnectFailureCode, type ConnectFailureCode } from "./failures";
export { failurePage, redirectAfterCallback, returnUrlAfterSuccess } from "./outcome-redirects";
export { connectedResult } from "./result";
export { createConnectSession, createReconnectSession, createTestConnectSession, openConnectSession, type ConnectSessionProblem } from "./sessions";
export { endUserIdInput, returnUrlInput } from "./sessions";
export { ACCOUNTS_PAGE_COOKIE, accountsPageAfterCallback, createEndUserSession } from "./end-user-sessions";
export { connectedAccountsPage, disconnectAccount, startConnectFromAccounts, type AccountsPage, type ConnectedAccount } from "./accounts";
export { postedFromOwnPage } from "./posted-from-page";

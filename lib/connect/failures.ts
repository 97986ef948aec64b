// Every way a connect attempt can fail, with the words the end user reads.
// The code travels to the developer's return URL (`error=<code>`) and into the audit log.
export const connectFailures = {
  access_denied: "You chose not to give access, so nothing was connected. You can close this page, or start again from the application.",
  state_missing: "This sign-in response is incomplete. Start again from the application.",
  state_invalid: "This sign-in response was not started here, or has been tampered with. Start again from the application.",
  state_expired: "This attempt took longer than 10 minutes and has expired. Start again from the application.",
  state_used: "This sign-in response was already used. If you still need to connect, start again from the application.",
  browser_mismatch: "This attempt was started in a different browser (or its cookie is missing). Start again from the application, in this browser.",
  session_unusable: "The connect link has expired or was already used. Ask the application for a new one.",
  provider_disabled: "The application has turned off connections to {provider} for now. Nothing was connected.",
  code_rejected: "{provider} did not accept this sign-in (it may have expired). Please start again.",
  client_rejected: "The application's {provider} settings are not valid, so nothing was connected. The developer can see this in their portal.",
  provider_unavailable: "{provider} is not answering right now. Nothing was connected; please try again in a few minutes.",
  profile_unreadable: "{provider} did not tell us which account you used, so nothing was connected. Please try again later.",
  provider_error: "{provider} reported a problem and nothing was connected. Please try again.",
  internal_error: "Something went wrong on our side, so nothing was connected. It has been logged; please try again later from the application.",
} as const;

export type ConnectFailureCode = keyof typeof connectFailures;

export function isConnectFailureCode(code: string): code is ConnectFailureCode {
  return Object.hasOwn(connectFailures, code);
}

export function describeConnectFailure(code: ConnectFailureCode, providerName: string): string {
  return connectFailures[code].replaceAll("{provider}", providerName);
}

/** Thrown inside the dance; caught once at its edge and turned into a failure outcome. */
export class ConnectFailure extends Error {
  override name = "ConnectFailure";
  constructor(
    readonly code: ConnectFailureCode,
    readonly detail?: Record<string, unknown>,
  ) {
    super(code);
  }
}

// Every failure a person can cause or meet has a class here: an HTTP status,
// a stable code for programs, and words for people. The API envelope and the
// pages both read these; nothing else invents error codes.

/**
 * The closed list of error codes the API answers with, each with its HTTP status. The README's
 * "Error codes" table lists the same codes (tests/unit/error-codes.test.ts keeps the two in step).
 */
export const ERROR_STATUSES = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  connection_revoked: 409,
  last_admin: 409,
  webhook_endpoint_disabled: 409,
  payload_too_large: 413,
  invalid_credentials: 422,
  provider_not_configured: 422,
  provider_disabled: 422,
  needs_reauthorization: 424,
  rate_limited: 429,
  internal_error: 500,
  provider_credentials_rejected: 502,
  provider_unreachable: 502,
  provider_unavailable: 503,
  provider_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUSES;

/** The codes answered with `status`. */
type CodeOfStatus<Status extends number> = { [Code in ErrorCode]: (typeof ERROR_STATUSES)[Code] extends Status ? Code : never }[ErrorCode];

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
    this.status = ERROR_STATUSES[code];
  }
}

export type FieldIssue = { path: string; message: string };

export class ValidationFailed extends AppError {
  constructor(
    readonly issues: FieldIssue[],
    message = "The request is not valid.",
  ) {
    super("validation_failed", message, { issues });
  }
}

export class InvalidJson extends AppError {
  constructor() {
    super("invalid_json", "The request body is not valid JSON.");
  }
}

export class Unauthenticated extends AppError {
  constructor(message = "A valid API key is required: send it as `Authorization: Bearer lk_...`.") {
    super("unauthenticated", message);
  }
}

export class Forbidden extends AppError {
  constructor(message = "You are not allowed to do this.") {
    super("forbidden", message);
  }
}

export class NotFound extends AppError {
  constructor(what = "The resource") {
    super("not_found", `${what} was not found.`);
  }
}

export class Conflict extends AppError {
  constructor(message: string, code: CodeOfStatus<409>) {
    super(code, message);
  }
}

export class ConnectionRevoked extends AppError {
  constructor() {
    super("connection_revoked", "This connection was disconnected: its tokens are gone. Create a connect session for the end user to connect again.");
  }
}

export class Unprocessable extends AppError {
  constructor(message: string, code: CodeOfStatus<422>) {
    super(code, message);
  }
}

export class NeedsReauthorization extends AppError {
  constructor(connectionId: string, providerName: string) {
    super("needs_reauthorization", `The end user must connect ${providerName} again.`, { connectionId });
  }
}

export class PayloadTooLarge extends AppError {
  constructor(readonly limitBytes: number) {
    super("payload_too_large", `The request body is larger than the limit of ${limitBytes} bytes.`, { limitBytes });
  }
}

export class RateLimited extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("rate_limited", message);
  }
}

/** The provider refused the application's own Client ID or Secret: its developer must fix the settings; reconnecting cannot help. */
export class ProviderCredentialsRejected extends AppError {
  constructor(providerName: string) {
    super(
      "provider_credentials_rejected",
      `${providerName} rejected the application's Client ID or Secret. Its developer must save working credentials in the portal; connecting the end user again cannot help.`,
    );
  }
}

/** The provider could not be reached, or did not answer within PROVIDER_TIMEOUT_MS (the proxy's calls). */
export class ProviderUnreachableError extends AppError {
  constructor(providerName: string, timedOut: boolean) {
    super(
      timedOut ? "provider_timeout" : "provider_unreachable",
      timedOut ? `${providerName} did not answer in time.` : `${providerName} could not be reached.`,
    );
  }
}

export class ProviderUnavailable extends AppError {
  constructor(
    providerName: string,
    readonly retryAfterSeconds: number,
  ) {
    super("provider_unavailable", `${providerName} is not answering right now; try again shortly.`);
  }
}

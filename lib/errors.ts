// Every failure a person can cause or meet has a class here: an HTTP status,
// a stable code for programs, and words for people. The API envelope and the
// pages both read these; nothing else invents error codes.
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export type FieldIssue = { path: string; message: string };

export class ValidationFailed extends AppError {
  constructor(
    readonly issues: FieldIssue[],
    message = "The request is not valid.",
  ) {
    super(400, "validation_failed", message, { issues });
  }
}

export class InvalidJson extends AppError {
  constructor() {
    super(400, "invalid_json", "The request body is not valid JSON.");
  }
}

export class Unauthenticated extends AppError {
  constructor(message = "A valid API key is required: send it as `Authorization: Bearer lk_...`.") {
    super(401, "unauthenticated", message);
  }
}

export class Forbidden extends AppError {
  constructor(message = "You are not allowed to do this.") {
    super(403, "forbidden", message);
  }
}

export class NotFound extends AppError {
  constructor(what = "The resource") {
    super(404, "not_found", `${what} was not found.`);
  }
}

export class Conflict extends AppError {
  constructor(message: string, code = "conflict") {
    super(409, code, message);
  }
}

export class ConnectionRevoked extends AppError {
  constructor() {
    super(409, "connection_revoked", "This connection was disconnected: its tokens are gone. Create a connect session for the end user to connect again.");
  }
}

export class Unprocessable extends AppError {
  constructor(message: string, code = "unprocessable") {
    super(422, code, message);
  }
}

export class NeedsReauthorization extends AppError {
  constructor(connectionId: string, providerName: string) {
    super(424, "needs_reauthorization", `The end user must connect ${providerName} again.`, { connectionId });
  }
}

export class PayloadTooLarge extends AppError {
  constructor(readonly limitBytes: number) {
    super(413, "payload_too_large", `The request body is larger than the limit of ${limitBytes} bytes.`, { limitBytes });
  }
}

export class RateLimited extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, "rate_limited", message);
  }
}

/** The provider refused the application's own Client ID or Secret: its developer must fix the settings; reconnecting cannot help. */
export class ProviderCredentialsRejected extends AppError {
  constructor(providerName: string) {
    super(
      502,
      "provider_credentials_rejected",
      `${providerName} rejected the application's Client ID or Secret. Its developer must save working credentials in the portal; connecting the end user again cannot help.`,
    );
  }
}

export class ProviderUnavailable extends AppError {
  constructor(
    providerName: string,
    readonly retryAfterSeconds: number,
  ) {
    super(503, "provider_unavailable", `${providerName} is not answering right now; try again shortly.`);
  }
}

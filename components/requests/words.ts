// How a logged call reads in the portal: its error code in words, its size, its time to the second.
import type { ErrorCode } from "@/lib/errors";

/** The vault's own answers (the provider never answered, or the call never left), as a person reads them. */
const errorWords: Partial<Record<ErrorCode, string>> = {
  provider_unreachable: "the provider could not be reached",
  provider_timeout: "the provider did not answer in time",
  payload_too_large: "the request body was larger than the limit",
  needs_reauthorization: "the end user must connect again",
  connection_revoked: "the connection was disconnected",
  validation_failed: "the request was not valid",
  rate_limited: "too many requests for the API key",
  provider_credentials_rejected: "the provider rejected the application's Client ID or Secret",
  internal_error: "Latchkey failed unexpectedly",
};

export function errorInWords(code: string): string {
  return errorWords[code as ErrorCode] ?? code.replaceAll("_", " ");
}

export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** UTC to the second: calls come many a minute. */
export function callTime(date: Date): string {
  return date.toISOString().replace("T", " ").slice(0, 19) + " UTC";
}

// The one place an error becomes an HTTP answer:
// `{"error": {"code", "message", ...details}}`. Known errors keep their status
// and words; anything else is logged here and answered as a bare 500.
import { z } from "zod";
import { AppError, ProviderUnavailable, RateLimited, ValidationFailed } from "../errors";
import { fieldIssues } from "../validation";
import { describeError, log } from "../log";

export function errorResponse(error: unknown, request?: Request): Response {
  const known = asAppError(error);
  if (!known) {
    log.error("unhandled error in API route", { path: request ? new URL(request.url).pathname : undefined, ...describeError(error) });
    return Response.json({ error: { code: "internal_error", message: "Something went wrong on our side. It has been logged." } }, { status: 500 });
  }
  const headers = new Headers();
  if (known instanceof RateLimited || known instanceof ProviderUnavailable) {
    headers.set("Retry-After", String(Math.max(1, Math.ceil(known.retryAfterSeconds))));
  }
  if (known.status === 401) headers.set("WWW-Authenticate", 'Bearer realm="latchkey"');
  return Response.json({ error: { code: known.code, message: known.message, ...known.details } }, { status: known.status, headers });
}

function asAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return new ValidationFailed(fieldIssues(error));
  return undefined;
}

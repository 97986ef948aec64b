// The edges of the dance: an error nobody planned for (a provider answer the
// vault cannot store, a secret no key opens, the database failing) is logged
// in full on the server and becomes `internal_error`, a page like any other
// failure; and a failure for a known connect session is audited.
import "server-only";
import { recordAudit } from "../audit";
import type { ConnectSession } from "../db";
import { describeError, log } from "../log";
import type { ProviderDefinition } from "../providers";
import { ConnectFailure } from "./failures";

export function asConnectFailure(
  error: unknown,
  step: "authorize" | "callback",
  provider: ProviderDefinition,
  session: ConnectSession | undefined,
): ConnectFailure {
  if (error instanceof ConnectFailure) return error;
  log.error(`unexpected error in the connect ${step}`, { provider: provider.id, connectSessionId: session?.id, ...describeError(error) });
  return new ConnectFailure("internal_error");
}

/** The failure goes into the application's audit log; when even that fails (the database is down), the server log has it. */
export async function auditConnectFailure(
  provider: ProviderDefinition,
  session: ConnectSession,
  failure: ConnectFailure,
  ipAddress: string | null,
): Promise<void> {
  try {
    await recordAudit({
      action: "connection.failed",
      actor: { type: "END_USER", id: session.endUserId },
      applicationId: session.applicationId,
      ipAddress,
      details: { provider: provider.id, code: failure.code, ...failure.detail },
    });
  } catch (error) {
    log.error("could not audit a failed connect attempt", { provider: provider.id, connectSessionId: session.id, code: failure.code, ...describeError(error) });
  }
}

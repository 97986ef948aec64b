// HTTP to a provider, with the one timeout the vault allows it. Network
// failures, timeouts, 5xx and 429 become ProviderUnreachable (transient: back
// off, never mark a connection broken for one of these).
import "server-only";
import { getConfig } from "../config";

export class ProviderUnreachable extends Error {
  override name = "ProviderUnreachable";
  constructor(
    readonly reason: "timeout" | "network" | "server_error" | "rate_limited",
    readonly status?: number,
    readonly retryAfterSeconds?: number,
  ) {
    super(`provider unreachable: ${reason}${status ? ` (HTTP ${status})` : ""}`);
  }
}

export async function providerFetch(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(getConfig().providerTimeoutMs) });
  } catch (error) {
    const timedOut = error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new ProviderUnreachable(timedOut ? "timeout" : "network");
  }
  return response;
}

/** Throws ProviderUnreachable for answers that say "try later" (5xx, 429). */
export function assertNotTransient(response: Response): void {
  if (response.status >= 500) throw new ProviderUnreachable("server_error", response.status);
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get("retry-after"));
    throw new ProviderUnreachable("rate_limited", 429, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
}

/** Reads a response body as JSON; a body that is not JSON counts as the provider misbehaving. */
export async function readJsonBody(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw new ProviderUnreachable("server_error", response.status);
  }
}

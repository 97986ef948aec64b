// Why a connection needs re-authorization, in words: "Bitbucket refused the refresh token on
// 2026-11-28 14:03 UTC: the end user revoked access, or the grant expired." The time is the
// audit event of the transition; the reason is the provider's error stored on the connection.
import { formatDate } from "@/components/ui/format";
import { latestConnectionEvents } from "@/lib/audit";
import type { Connection } from "@/lib/db";
import { findProvider } from "@/lib/providers";
import { refreshErrorWords } from "./refresh-words";

function reauthorizationSentence(providerId: string, at: Date | undefined, error: string | null): string {
  const provider = findProvider(providerId)?.name ?? providerId;
  return `${provider} refused the refresh token${at ? ` on ${formatDate(at)}` : ""}${error ? `: ${refreshErrorWords(error, provider)}` : ""}.`;
}

/** The sentence for each of these connections that needs re-authorization, with one query for the page. */
export async function reauthorizationReasons(connections: Connection[]): Promise<Map<string, string>> {
  const waiting = connections.filter((connection) => connection.status === "NEEDS_REAUTH");
  const events = await latestConnectionEvents(
    "connection.needs_reauthorization",
    waiting.map((connection) => connection.id),
  );
  return new Map(
    waiting.map((connection) => {
      const event = events.get(connection.id);
      const reason = typeof event?.details.reason === "string" ? event.details.reason : null;
      return [connection.id, reauthorizationSentence(connection.provider, event?.createdAt, connection.lastError ?? reason)];
    }),
  );
}

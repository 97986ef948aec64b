// What a disconnect did at the provider, in words: said right after the Disconnect button and
// again on the revoked connection's page (read back from the disconnect's audit row), since the
// page re-renders without the form as soon as the connection is revoked.
import type { RemoteRevocation } from "@/lib/connections";

export function remoteRevocationSentence(providerName: string, remoteRevocation: unknown): string | null {
  switch (remoteRevocation as RemoteRevocation | undefined) {
    case "revoked":
      return `${providerName} revoked the token too.`;
    case "failed":
      return `Revoking the token at ${providerName} failed: the end user can remove the access in their ${providerName} settings.`;
    default:
      return null;
  }
}

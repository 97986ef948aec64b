import { formatDate } from "@/components/ui/format";

/** The provider refuses the saved Client ID or Secret: only new credentials help, reconnecting end users does not. */
export function CredentialsRejected({ providerName, since }: { providerName: string; since: Date }) {
  return (
    <section aria-label="Credentials rejected" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900">
      <h3 className="font-semibold">{providerName} rejected the Client ID or Secret</h3>
      <p className="mt-1">
        Since {formatDate(since)}, {providerName} refuses these credentials (the OAuth app was deleted or its secret changed). Token reads and proxied calls
        answer 502 once a token needs refreshing, and no one can connect. Connected accounts keep their status: save working credentials below and they carry
        on.
      </p>
    </section>
  );
}

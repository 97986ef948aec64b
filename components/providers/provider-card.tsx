import Link from "next/link";
import type { ProviderDefinition } from "@/lib/providers";

const tokenRefreshLabels: Record<ProviderDefinition["tokenRefresh"], string> = {
  automatic: "Automatic",
  "when-issued": "Automatic for expiring tokens",
};

/** A provider in the catalog, with the facts a developer compares before choosing it. */
export function ProviderCard({ provider, href, configured }: { provider: ProviderDefinition; href: string; configured: boolean }) {
  const headingId = `provider-${provider.id}`;
  const facts: [string, string][] = [
    ["Provider ID", provider.id],
    ["Category", provider.category],
    ["PKCE", provider.pkce ? "Supported" : "Not supported"],
    ["Token refresh", tokenRefreshLabels[provider.tokenRefresh]],
  ];
  return (
    <article aria-labelledby={headingId} className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id={headingId} className="text-lg font-semibold">
        {provider.name}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-600">{term}</dt>
            <dd className={term === "Provider ID" ? "font-mono" : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
      <Link href={href} className="inline-flex rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-700">
        {configured ? `Manage ${provider.name}` : `Set up ${provider.name}`}
      </Link>
    </article>
  );
}

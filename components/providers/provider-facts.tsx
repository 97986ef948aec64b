import type { ProviderDefinition } from "@/lib/providers";

const tokenRefreshLabels: Record<ProviderDefinition["tokenRefresh"], string> = {
  automatic: "Automatic",
  "when-issued": "Automatic for expiring tokens",
};

/** The facts a developer compares between providers, as a term/definition list (catalog card and setup page). */
export function ProviderFacts({ provider }: { provider: ProviderDefinition }) {
  const facts: [string, string][] = [
    ["Provider ID", provider.id],
    ["Category", provider.category],
    ["PKCE", provider.pkce ? "Supported" : "Not supported"],
    ["Token refresh", tokenRefreshLabels[provider.tokenRefresh]],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {facts.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-600">{term}</dt>
          <dd className={term === "Provider ID" ? "font-mono" : undefined}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

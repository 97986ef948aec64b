import { CopyButton } from "@/components/ui/copy-button";
import type { ProviderDefinition } from "@/lib/providers";

const tokenRefreshLabels: Record<ProviderDefinition["tokenRefresh"], string> = {
  automatic: "Automatic",
  "when-issued": "Automatic for expiring tokens",
};

/**
 * The facts a developer compares between providers and pastes into the provider's settings, as a
 * property table (term/definition list): the same on the catalog card and the provider's page.
 */
export function ProviderFacts({ provider, redirectUri }: { provider: ProviderDefinition; redirectUri: string }) {
  const facts: [string, string][] = [
    ["Provider ID", provider.id],
    ["Category", provider.category],
    ["PKCE", provider.pkce ? "Supported" : "Not supported"],
    ["Token refresh", tokenRefreshLabels[provider.tokenRefresh]],
  ];
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] items-baseline gap-x-4 gap-y-1 text-sm">
      {facts.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-600">{term}</dt>
          <dd className={term === "Provider ID" ? "font-mono" : undefined}>{value}</dd>
        </div>
      ))}
      <div className="contents">
        <dt className="text-slate-600">Redirect URI</dt>
        <dd className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <code className="break-all font-mono text-xs">{redirectUri}</code>
          <CopyButton label="Redirect URI" value={redirectUri} />
        </dd>
      </div>
    </dl>
  );
}

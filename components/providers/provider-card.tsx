import Link from "next/link";
import type { ProviderDefinition } from "@/lib/providers";
import { ProviderFacts } from "./provider-facts";

/** A provider in the catalog: its description and the facts a developer compares before choosing it. */
export function ProviderCard({
  provider,
  redirectUri,
  href,
  configured,
}: {
  provider: ProviderDefinition;
  redirectUri: string;
  href: string;
  configured: boolean;
}) {
  const headingId = `provider-${provider.id}`;
  return (
    <article aria-labelledby={headingId} className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div className="space-y-1">
        <h2 id={headingId} className="text-lg font-semibold">
          {provider.name}
        </h2>
        <p className="text-sm text-slate-600">{provider.description}</p>
      </div>
      <ProviderFacts provider={provider} redirectUri={redirectUri} />
      <Link href={href} className="inline-flex rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-700">
        {configured ? `Manage ${provider.name}` : `Set up ${provider.name}`}
      </Link>
    </article>
  );
}

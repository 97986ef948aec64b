import type { ReactNode } from "react";
import type { ProviderDefinition } from "@/lib/providers";
import { ProviderFacts } from "./provider-facts";

/** The top of a provider's page: its whole card (description, property table) and how to register an OAuth app there. */
export function ProviderSummary({ provider, redirectUri, status }: { provider: ProviderDefinition; redirectUri: string; status: ReactNode }) {
  return (
    <section aria-labelledby="provider-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div className="space-y-1">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="provider-heading" className="text-xl font-semibold">
            {provider.name}
          </h2>
          {status}
        </div>
        <p className="text-sm text-slate-600">{provider.description}</p>
      </div>
      <ProviderFacts provider={provider} redirectUri={redirectUri} />
      <div className="space-y-2">
        <h3 className="text-sm font-semibold text-slate-800">Register your OAuth app at {provider.name}</h3>
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          {provider.setupSteps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <p className="text-sm">
          <a href={provider.docsUrl} className="text-indigo-700 underline" rel="noreferrer" target="_blank">
            {provider.name}&apos;s OAuth documentation
          </a>
        </p>
      </div>
    </section>
  );
}

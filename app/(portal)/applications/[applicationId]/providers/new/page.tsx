import { ProviderCard } from "@/components/providers/provider-card";
import { loadOrNotFound, requireActor } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { listProviderConfigs } from "@/lib/provider-configs";
import { providers, redirectUri } from "@/lib/providers";

export const metadata = { title: "Add Provider" };

export default async function AddProviderPage({ params }: { params: Promise<{ applicationId: string }> }) {
  const { applicationId } = await params;
  const configured = new Set((await loadOrNotFound(listProviderConfigs(await requireActor(), applicationId))).map((config) => config.provider));
  return (
    <section aria-labelledby="catalog-heading" className="space-y-4">
      <div>
        <h2 id="catalog-heading" className="text-lg font-semibold">
          Add Provider
        </h2>
        <p className="text-sm text-slate-600">Choose the provider your end users will connect. Each application has one set of credentials per provider.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {providers.map((provider) => (
          <ProviderCard
            key={provider.id}
            provider={provider}
            redirectUri={redirectUri(getConfig().appUrl, provider)}
            href={`/applications/${applicationId}/providers/${provider.id}`}
            configured={configured.has(provider.id)}
          />
        ))}
      </div>
    </section>
  );
}

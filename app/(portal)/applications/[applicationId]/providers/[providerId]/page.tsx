import { notFound } from "next/navigation";
import { CredentialsRejected } from "@/components/providers/credentials-rejected";
import { ProviderSettingsForm } from "@/components/providers/provider-settings-form";
import { ProviderStatus } from "@/components/providers/provider-status";
import { ProviderSummary } from "@/components/providers/provider-summary";
import { TestConnectionCard } from "@/components/connections/try-it-test-connection-card";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { loadOrNotFound, requireActor } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { countDependentConnections, getProviderConfig } from "@/lib/provider-configs";
import { findProvider, redirectUri } from "@/lib/providers";
import { testConnectionAction } from "../../connections/try-it-actions";
import { deleteProviderAction, saveProviderAction, setProviderEnabledAction, verifyProviderAction } from "../actions";

/** Titled with the provider's name ("Bitbucket · Acme · Latchkey"); an unknown id is the 404 the page gives. */
export async function generateMetadata({ params }: { params: Promise<{ providerId: string }> }) {
  return { title: findProvider((await params).providerId)?.name ?? "Not found" };
}

export default async function ProviderSettingsPage({ params }: { params: Promise<{ applicationId: string; providerId: string }> }) {
  const { applicationId, providerId } = await params;
  const actor = await requireActor();
  const provider = findProvider(providerId) ?? notFound();
  const config = await loadOrNotFound(getProviderConfig(actor, applicationId, provider.id));
  const dependents = config ? await countDependentConnections(actor, applicationId, provider.id) : 0;
  const identifies = (
    <>
      <input type="hidden" name="applicationId" value={applicationId} />
      <input type="hidden" name="provider" value={provider.id} />
    </>
  );

  const status = config ? <ProviderStatus enabled={config.enabled} /> : <span className="text-sm text-slate-600">Not set up yet</span>;

  return (
    <div className="space-y-6">
      <ProviderSummary provider={provider} redirectUri={redirectUri(getConfig().appUrl, provider)} status={status} />

      {config?.credentialsRejectedAt ? <CredentialsRejected providerName={provider.name} since={config.credentialsRejectedAt} /> : null}

      <Card title="Credentials and scopes">
        <ProviderSettingsForm
          applicationId={applicationId}
          provider={{
            id: provider.id,
            name: provider.name,
            scopes: provider.scopes,
            requiredScopes: provider.requiredScopes,
            scopesRequestable: provider.scopesRequestable,
            credentialNames: provider.credentialNames,
            implies: provider.implies,
          }}
          saved={config && { clientId: config.clientId, scopes: config.scopes, secretSetOn: formatDate(config.secretUpdatedAt) }}
          save={saveProviderAction}
          verify={verifyProviderAction}
        />
      </Card>

      {config?.enabled ? (
        <TestConnectionCard applicationId={applicationId} providers={[{ id: provider.id, name: provider.name }]} action={testConnectionAction} />
      ) : null}

      {config ? (
        <Card
          title={config.enabled ? `Disable ${provider.name}` : `Enable ${provider.name}`}
          description={`While disabled, end users cannot connect ${provider.name}: new connections are refused. Accounts already connected keep working.`}
        >
          <ActionForm
            action={setProviderEnabledAction}
            submitLabel={config.enabled ? `Disable ${provider.name}` : `Enable ${provider.name}`}
            variant="secondary"
          >
            {identifies}
            <input type="hidden" name="enable" value={String(!config.enabled)} />
          </ActionForm>
        </Card>
      ) : null}

      {config ? (
        <Card title={`Delete ${provider.name}`} description="Deletes the Client ID, Client Secret and scopes. This cannot be undone.">
          <ActionForm
            action={deleteProviderAction}
            submitLabel={`Delete ${provider.name}`}
            variant="danger"
            confirm={<DeleteConsequences providerName={provider.name} dependents={dependents} />}
          >
            {identifies}
          </ActionForm>
        </Card>
      ) : null}
    </div>
  );
}

function DeleteConsequences({ providerName, dependents }: { providerName: string; dependents: number }) {
  if (dependents === 0) return <p>Delete the {providerName} settings? No connected accounts depend on them.</p>;
  const accounts = dependents === 1 ? "1 connected account depends" : `${dependents} connected accounts depend`;
  return (
    <p>
      Delete the {providerName} settings? {accounts} on them: their tokens will be deleted and they will be marked Revoked. Those end users must connect{" "}
      {providerName} again after it is set up again.
    </p>
  );
}

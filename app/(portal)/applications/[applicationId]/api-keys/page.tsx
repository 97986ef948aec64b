import { CreateApiKeyForm } from "@/components/onboarding/api-key-form";
import { ActionForm } from "@/components/ui/action-form";
import { RowMenu } from "@/components/ui/menu";
import { RowOutcome } from "@/components/ui/row-outcome";
import { Card } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { formatDate } from "@/components/ui/format";
import { listApiKeys } from "@/lib/api-keys";
import { loadOrNotFound, requireActor } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { onboardingProgress } from "@/lib/onboarding";
import { providers } from "@/lib/providers";
import { createApiKeyAction, revokeApiKeyAction } from "../../actions";

export const metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ applicationId: string }> }) {
  const { applicationId } = await params;
  const actor = await requireActor();
  const [apiKeys, progress] = await loadOrNotFound(Promise.all([listApiKeys(actor, applicationId), onboardingProgress(actor, applicationId)]));
  return (
    <div className="space-y-6">
      <Card
        title="Create an API key"
        description={
          <>
            Your backend sends it as <code className="rounded bg-slate-100 px-1 font-mono text-xs text-slate-800">Authorization: Bearer lk_…</code>. It is shown
            once; only a hash is stored.
          </>
        }
      >
        <CreateApiKeyForm
          applicationId={applicationId}
          apiBase={`${getConfig().appUrl}/api/v1`}
          request={{ kind: "connect-session", providerId: progress.example.providerId ?? providers[0]!.id, returnOrigin: progress.example.returnOrigin }}
          action={createApiKeyAction}
        />
      </Card>
      <Card title="API keys">
        <RowOutcome>
          {apiKeys.length === 0 ? (
            <p className="text-sm text-slate-600">No API keys yet.</p>
          ) : (
            <Table label="Existing API keys">
              <thead>
                <tr className="border-b border-slate-200 text-slate-600">
                  <th className="py-2">Name</th>
                  <th>Prefix</th>
                  <th>Created</th>
                  <th>Last used</th>
                  <th>Status</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {apiKeys.map((apiKey) => (
                  <tr key={apiKey.id} className="border-b border-slate-100">
                    <td className="py-2 font-medium">{apiKey.name}</td>
                    <td className="font-mono">{apiKey.prefix}…</td>
                    <td>{formatDate(apiKey.createdAt)}</td>
                    <td>{apiKey.lastUsedAt ? formatDate(apiKey.lastUsedAt) : "Never"}</td>
                    <td>{apiKey.revokedAt ? `Revoked ${formatDate(apiKey.revokedAt)}` : "Active"}</td>
                    <td className="text-right">
                      {apiKey.revokedAt ? null : (
                        <RowMenu name={apiKey.name}>
                          <ActionForm
                            action={revokeApiKeyAction}
                            submitLabel={`Revoke ${apiKey.name}`}
                            variant="danger"
                            confirm={<p>Revoke “{apiKey.name}”? Requests using it fail from now on.</p>}
                          >
                            <input type="hidden" name="applicationId" value={applicationId} />
                            <input type="hidden" name="apiKeyId" value={apiKey.id} />
                          </ActionForm>
                        </RowMenu>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </RowOutcome>
      </Card>
    </div>
  );
}

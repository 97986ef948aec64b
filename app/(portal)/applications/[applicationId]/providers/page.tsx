import Link from "next/link";
import { ProviderStatus } from "@/components/providers/provider-status";
import { Card } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { formatDate } from "@/components/ui/format";
import { loadOrNotFound, requireActor } from "@/lib/auth";
import { listProviderConfigs } from "@/lib/provider-configs";
import { findProvider } from "@/lib/providers";

export const metadata = { title: "OAuth Providers" };

export default async function ProvidersPage({ params }: { params: Promise<{ applicationId: string }> }) {
  const { applicationId } = await params;
  const configs = await loadOrNotFound(listProviderConfigs(await requireActor(), applicationId));
  return (
    <Card title="OAuth Providers" description="The providers your end users can connect, with the credentials of your OAuth app at each.">
      <div className="space-y-4">
        {configs.length === 0 ? (
          <p className="text-sm text-slate-600">No providers yet. Add one to let your end users connect their accounts.</p>
        ) : (
          <Table label="Configured providers">
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th className="py-2">Provider</th>
                <th>Client ID</th>
                <th>Required scopes</th>
                <th>Status</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {configs.map((config) => (
                <tr key={config.id} className="border-b border-slate-100">
                  <td className="py-2">
                    <Link href={`/applications/${applicationId}/providers/${config.provider}`} className="font-medium text-indigo-700 underline">
                      {findProvider(config.provider)?.name ?? config.provider}
                    </Link>
                  </td>
                  <td className="font-mono">{config.clientId}</td>
                  <td className="font-mono text-xs">{config.scopes.join(" ")}</td>
                  <td>
                    <ProviderStatus enabled={config.enabled} />
                  </td>
                  <td>{formatDate(config.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <Link
          href={`/applications/${applicationId}/providers/new`}
          className="inline-flex rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-700"
        >
          Add Provider
        </Link>
      </div>
    </Card>
  );
}

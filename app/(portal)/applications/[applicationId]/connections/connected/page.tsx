import Link from "next/link";
import { redirect } from "next/navigation";
import { searchValues, type SearchParams } from "@/components/portal/list-query";
import { Card } from "@/components/ui/card";
import { getApplication } from "@/lib/applications";
import { loadOrNotFound, requireActor } from "@/lib/auth";
import { describeConnectFailure, isConnectFailureCode } from "@/lib/connect";
import { findProvider } from "@/lib/providers";

export const metadata = { title: "Test connection" };

type Props = { params: Promise<{ applicationId: string }>; searchParams: Promise<SearchParams> };

/** Where a portal-made "Test connection" link brings the end user back: the new connection, or why there is none. */
export default async function TestConnectionReturnPage({ params, searchParams }: Props) {
  const { applicationId } = await params;
  const application = await loadOrNotFound(getApplication(await requireActor(), applicationId));
  const { status, connectionId, error, provider } = searchValues(await searchParams, ["status", "connectionId", "error", "provider"]);
  const connections = `/applications/${application.id}/connections`;
  // The connection page checks the id belongs to this application.
  if (status === "success" && connectionId) redirect(`${connections}/${encodeURIComponent(connectionId)}`);
  const providerName = findProvider(provider ?? "")?.name ?? "The provider";
  return (
    <Card title="Nothing was connected">
      <div className="space-y-3 text-sm">
        <p>{error && isConnectFailureCode(error) ? describeConnectFailure(error, providerName) : "The test connection did not finish."}</p>
        <p>
          <Link href={connections} className="text-indigo-700 underline">
            Back to Connections
          </Link>{" "}
          to try again.
        </p>
      </div>
    </Card>
  );
}

import type { SearchParams } from "@/components/portal/list-query";
import { CallsCard } from "@/components/requests/calls-card";
import { getApplication } from "@/lib/applications";
import { loadOrNotFound, requireActor } from "@/lib/auth";

export const metadata = { title: "Requests" };

type Props = { params: Promise<{ applicationId: string }>; searchParams: Promise<SearchParams> };

export default async function RequestsPage({ params, searchParams }: Props) {
  const { applicationId } = await params;
  const application = await loadOrNotFound(getApplication(await requireActor(), applicationId));
  return (
    <CallsCard
      title="Requests"
      description="Calls made through the proxy with any of this application's connections, newest first. Query values, headers and bodies are never recorded."
      scope={{ applicationId: application.id }}
      path={`/applications/${application.id}/requests`}
      searchParams={await searchParams}
      parameters={{ status: "status", cursor: "cursor" }}
      filterLabel="Filter requests"
      connectionHref={(connectionId) => `/applications/${application.id}/connections/${connectionId}`}
    />
  );
}

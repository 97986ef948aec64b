import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveriesTable } from "@/components/webhooks/deliveries-table";
import { endpointStatus, eventsSummary } from "@/components/webhooks/endpoint-status";
import { Pagination } from "@/components/portal/pagination";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { loadOrNotFound, requireActor } from "@/lib/auth";
import { listDeliveries, listEndpoints } from "@/lib/webhooks";
import { deleteEndpointAction, enableEndpointAction, resendDeliveryAction, rotateSecretAction, sendTestEventAction } from "../actions";

export const metadata = { title: "Webhook endpoint" };

type Props = { params: Promise<{ applicationId: string; endpointId: string }>; searchParams: Promise<{ cursor?: string | string[] }> };

export default async function WebhookEndpointPage({ params, searchParams }: Props) {
  const { applicationId, endpointId } = await params;
  const { cursor } = await searchParams;
  const actor = await requireActor();
  const endpoint = (await loadOrNotFound(listEndpoints(actor, applicationId))).find((candidate) => candidate.id === endpointId);
  if (!endpoint) notFound();
  const deliveries = await listDeliveries(actor, applicationId, endpointId, typeof cursor === "string" ? { cursor } : {});
  const ids = (
    <>
      <input type="hidden" name="applicationId" value={applicationId} />
      <input type="hidden" name="endpointId" value={endpointId} />
    </>
  );
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/applications/${applicationId}/webhooks`} className="text-indigo-700 underline">
          All webhook endpoints
        </Link>
      </p>
      <Card title="Endpoint">
        <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-600">URL</dt>
          <dd className="font-mono break-all">{endpoint.url}</dd>
          <dt className="text-slate-600">Events</dt>
          <dd>{eventsSummary(endpoint)}</dd>
          <dt className="text-slate-600">Status</dt>
          <dd>{endpointStatus(endpoint)}</dd>
          <dt className="text-slate-600">Added</dt>
          <dd>{formatDate(endpoint.createdAt)}</dd>
          {endpoint.previousSecretExpiresAt ? (
            <>
              <dt className="text-slate-600">Previous secret</dt>
              <dd>Still signs until {formatDate(endpoint.previousSecretExpiresAt)}</dd>
            </>
          ) : null}
        </dl>
        <div className="mt-4 flex flex-wrap items-start gap-3">
          {endpoint.disabledAt ? (
            <ActionForm action={enableEndpointAction} submitLabel="Enable endpoint">
              {ids}
            </ActionForm>
          ) : (
            <ActionForm action={sendTestEventAction} submitLabel="Send test event" variant="secondary">
              {ids}
            </ActionForm>
          )}
          <ActionForm
            action={rotateSecretAction}
            submitLabel="Rotate signing secret"
            variant="secondary"
            revealedLabel="New signing secret"
            confirm={
              <p>A new secret signs every request from now on. The current one keeps signing beside it for 24 hours, so your receiver can switch over.</p>
            }
          >
            {ids}
          </ActionForm>
          <ActionForm
            action={deleteEndpointAction}
            submitLabel="Delete endpoint"
            variant="danger"
            confirm={<p>Delete this endpoint and its delivery history? Nothing more is sent to {endpoint.url}.</p>}
          >
            {ids}
          </ActionForm>
        </div>
      </Card>
      <Card
        title="Recent deliveries"
        description="Newest first. Each delivery is retried with backoff for 24 hours; Resend sends it again with the same webhook-id."
      >
        {deliveries.items.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing sent yet.</p>
        ) : (
          <DeliveriesTable deliveries={deliveries.items} applicationId={applicationId} endpointId={endpointId} resendAction={resendDeliveryAction} />
        )}
        <Pagination
          path={`/applications/${applicationId}/webhooks/${endpointId}`}
          filters={{}}
          cursor={typeof cursor === "string" ? cursor : undefined}
          nextCursor={deliveries.nextCursor}
          label="Delivery pages"
        />
      </Card>
    </div>
  );
}

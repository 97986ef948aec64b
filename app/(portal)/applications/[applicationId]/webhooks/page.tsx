import Link from "next/link";
import { endpointStatus, eventsSummary } from "@/components/webhooks/endpoint-status";
import { EventCheckboxes } from "@/components/webhooks/event-checkboxes";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { loadOrNotFound, requireActor } from "@/lib/auth";
import { listEndpoints, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks";
import { addEndpointAction } from "./actions";

export const metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ applicationId: string }> }) {
  const { applicationId } = await params;
  const endpoints = await loadOrNotFound(listEndpoints(await requireActor(), applicationId));
  return (
    <div className="space-y-6">
      <Card
        title="Webhook endpoints"
        description="Latchkey tells your backend when a connection is made, breaks, recovers or is disconnected. Each request is signed per Standard Webhooks, so your receiver can check it with the standardwebhooks or svix library."
      >
        {endpoints.length === 0 ? (
          <p className="text-sm text-slate-600">No endpoints yet.</p>
        ) : (
          <ul aria-label="Endpoints" className="divide-y divide-slate-100">
            {endpoints.map((endpoint) => (
              <li key={endpoint.id} className="py-3 text-sm">
                <Link href={`/applications/${applicationId}/webhooks/${endpoint.id}`} className="font-mono break-all text-indigo-700 underline">
                  {endpoint.url}
                </Link>
                <p className="mt-1 text-slate-700">{eventsSummary(endpoint)}</p>
                <p className="mt-1 text-slate-700">{endpointStatus(endpoint)}</p>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Add an endpoint" description="Its signing secret is shown once, when it is added; only a sealed copy is stored.">
        <ActionForm action={addEndpointAction} submitLabel="Add endpoint" pendingLabel="Adding…" revealedLabel="Signing secret">
          <input type="hidden" name="applicationId" value={applicationId} />
          <Field
            label="Endpoint URL"
            name="url"
            type="url"
            placeholder="https://app.example.com/webhooks/latchkey"
            spellCheck={false}
            hint="https, on a public address. No user name or password in the URL."
          />
          <EventCheckboxes types={WEBHOOK_EVENT_TYPES} />
        </ActionForm>
      </Card>
    </div>
  );
}

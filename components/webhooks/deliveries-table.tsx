import { ActionForm } from "@/components/ui/action-form";
import { formatDate } from "@/components/ui/format";
import { Table } from "@/components/ui/table";
import type { FormState } from "@/lib/forms/state";
import type { WebhookDeliveryView } from "@/lib/webhooks";
import { eventLabel } from "./event-words";

const statusWords = { pending: "Pending", succeeded: "Delivered", failed: "Failed" } as const;

type Props = {
  deliveries: WebhookDeliveryView[];
  applicationId: string;
  endpointId: string;
  resendAction: (previous: FormState, formData: FormData) => Promise<FormState>;
};

/** An endpoint's recent deliveries: what was sent, how the receiver answered, what happens next. */
export function DeliveriesTable({ deliveries, applicationId, endpointId, resendAction }: Props) {
  return (
    <Table label="Deliveries">
      <thead>
        <tr className="border-b border-slate-200 text-slate-600">
          <th className="py-2">Event</th>
          <th>Status</th>
          <th>Attempts</th>
          <th>Last answer</th>
          <th>Next retry</th>
          <th>
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id} className="border-b border-slate-100 align-top">
            <td className="py-2 pr-3">
              <div className="font-mono text-xs">{delivery.eventType}</div>
              <div className="text-xs text-slate-600">{eventLabel(delivery.eventType)}</div>
              <div className="text-xs text-slate-600">{formatDate(delivery.createdAt)}</div>
            </td>
            <td className="pr-3">{statusWords[delivery.status]}</td>
            <td className="pr-3">{delivery.attempts}</td>
            <td className="max-w-xs pr-3">
              <LastAnswer delivery={delivery} />
            </td>
            <td className="pr-3">{delivery.nextAttemptAt ? formatDate(delivery.nextAttemptAt) : "—"}</td>
            <td className="text-right">
              <ActionForm action={resendAction} submitLabel="Resend" variant="secondary">
                <input type="hidden" name="applicationId" value={applicationId} />
                <input type="hidden" name="endpointId" value={endpointId} />
                <input type="hidden" name="deliveryId" value={delivery.id} />
              </ActionForm>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function LastAnswer({ delivery }: { delivery: WebhookDeliveryView }) {
  if (delivery.lastStatus === null) return <span>{delivery.lastError ?? "None yet"}</span>;
  return (
    <div>
      <span>HTTP {delivery.lastStatus}</span>
      {delivery.lastBodyExcerpt ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs text-slate-700">Answer body (first 1 KB)</summary>
          <pre className="mt-1 max-h-40 overflow-auto rounded bg-slate-100 p-2 text-xs break-all whitespace-pre-wrap">{delivery.lastBodyExcerpt}</pre>
        </details>
      ) : null}
    </div>
  );
}

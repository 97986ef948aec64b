"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formatDate } from "@/components/ui/format";
import { requireActor } from "@/lib/auth";
import { ValidationFailed } from "@/lib/errors";
import { formText, runForm, type FormState } from "@/lib/forms";
import { createEndpoint, deleteEndpoint, resendDelivery, rotateSecret, sendTestEvent, updateEndpoint, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks";

const webhooksPath = (applicationId: string) => `/applications/${applicationId}/webhooks`;

export async function addEndpointAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(async () => {
    const applicationId = formText(formData, "applicationId");
    const chosen = formData.getAll("events").filter((value) => typeof value === "string");
    if (chosen.length === 0) throw new ValidationFailed([{ path: "events", message: "Choose at least one event." }]);
    // Every box ticked means every event, so events added to Latchkey later reach it too.
    const events = chosen.length === WEBHOOK_EVENT_TYPES.length ? [] : chosen;
    const { endpoint, secret } = await createEndpoint(actor, applicationId, { url: formText(formData, "url"), events });
    revalidatePath(webhooksPath(applicationId));
    return {
      status: "success",
      message: `Added ${endpoint.url}. Copy its signing secret now: it is shown only this once.`,
      revealed: secret.reveal(),
    };
  });
}

export async function rotateSecretAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(async () => {
    const applicationId = formText(formData, "applicationId");
    const endpointId = formText(formData, "endpointId");
    const { secret, previousSecretExpiresAt } = await rotateSecret(actor, applicationId, endpointId);
    revalidatePath(`${webhooksPath(applicationId)}/${endpointId}`);
    return {
      status: "success",
      message: `Rotated. Copy the new signing secret now: it is shown only this once. The old one stays valid until ${formatDate(previousSecretExpiresAt)}.`,
      revealed: secret.reveal(),
    };
  });
}

export async function deleteEndpointAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(async () => {
    const applicationId = formText(formData, "applicationId");
    await deleteEndpoint(actor, applicationId, formText(formData, "endpointId"));
    revalidatePath(webhooksPath(applicationId));
    redirect(webhooksPath(applicationId));
  });
}

export async function enableEndpointAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(async () => {
    const applicationId = formText(formData, "applicationId");
    const endpointId = formText(formData, "endpointId");
    await updateEndpoint(actor, applicationId, endpointId, { enabled: true });
    revalidatePath(`${webhooksPath(applicationId)}/${endpointId}`);
    return { status: "success", message: "Enabled. New events are sent to it again." };
  });
}

export async function sendTestEventAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(async () => {
    const applicationId = formText(formData, "applicationId");
    const endpointId = formText(formData, "endpointId");
    const { eventId } = await sendTestEvent(actor, applicationId, endpointId);
    revalidatePath(`${webhooksPath(applicationId)}/${endpointId}`);
    return { status: "success", message: `Test event ${eventId} queued. Reload to see its delivery below.` };
  });
}

export async function resendDeliveryAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(async () => {
    const applicationId = formText(formData, "applicationId");
    const delivery = await resendDelivery(actor, applicationId, formText(formData, "deliveryId"));
    revalidatePath(`${webhooksPath(applicationId)}/${formText(formData, "endpointId")}`);
    return { status: "success", message: `Queued again with the same webhook-id (${delivery.eventId}).` };
  });
}

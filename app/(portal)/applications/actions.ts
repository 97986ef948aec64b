"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createApiKey, revokeApiKey } from "@/lib/api-keys";
import { createApplication, deleteApplication, renameApplication } from "@/lib/applications";
import { requireActor } from "@/lib/auth";
import { formFields, formText, runForm, type FormState } from "@/lib/forms";

export async function createApplicationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  let applicationId = "";
  const state = await runForm(async () => {
    applicationId = (await createApplication(actor, formFields(formData))).id;
  });
  if (state.status === "success") redirect(`/applications/${applicationId}`);
  return state;
}

export async function renameApplicationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(async () => {
    const application = await renameApplication(actor, formFields(formData));
    revalidatePath(`/applications/${application.id}`);
    return { status: "success", message: "Name saved." };
  });
}

export async function deleteApplicationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(() => deleteApplication(actor, formText(formData, "applicationId")));
  if (state.status === "success") redirect("/applications");
  return state;
}

export async function createApiKeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(async () => {
    const { key, apiKey } = await createApiKey(actor, formFields(formData));
    revalidatePath(`/applications/${formText(formData, "applicationId")}`);
    return { status: "success", message: `API key “${apiKey.name}” created. Copy it now: it will not be shown again.`, revealed: key };
  });
}

export async function revokeApiKeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(async () => {
    const applicationId = formText(formData, "applicationId");
    await revokeApiKey(actor, applicationId, formText(formData, "apiKeyId"));
    revalidatePath(`/applications/${applicationId}`);
    return { status: "success", message: "API key revoked. It stops working at once." };
  });
}

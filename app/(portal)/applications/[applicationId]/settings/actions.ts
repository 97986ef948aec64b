"use server";

import { revalidatePath } from "next/cache";
import { updateAllowedOrigins, updateBranding } from "@/lib/applications";
import { requireActor } from "@/lib/auth";
import { formFields, runForm, type FormState } from "@/lib/forms";

export async function saveAllowedOriginsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(async () => {
    const fields = formFields(formData);
    const origins = await updateAllowedOrigins(actor, fields);
    revalidatePath(`/applications/${fields.applicationId}/settings`);
    return {
      status: "success",
      message: origins.length
        ? `Saved. Connect sessions may return to ${origins.join(", ")}.`
        : "Saved. No origin is allowed, so connect sessions cannot have a returnUrl.",
    };
  });
}

export async function saveBrandingAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(async () => {
    const fields = formFields(formData);
    await updateBranding(actor, fields);
    revalidatePath(`/applications/${fields.applicationId}/settings`);
    return { status: "success", message: "Saved. Your end users' connected-accounts page uses it from now on." };
  });
}

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { savedState, verifiedState } from "@/components/providers/outcome-messages";
import type { ProviderFormState } from "@/components/providers/provider-form-state";
import { requireActor } from "@/lib/auth";
import { formFields, formText, runForm, type FormState } from "@/lib/forms";
import { findProvider } from "@/lib/providers";
import {
  deleteProviderConfig,
  saveProviderConfig,
  setProviderEnabled,
  verifyProviderCredentials,
  type CredentialCheck,
  type SavedProviderConfig,
} from "@/lib/provider-configs";

function providersPath(formData: FormData): string {
  return `/applications/${formText(formData, "applicationId")}/providers`;
}

/** The name of the provider a successful action worked on (the domain has checked it is in the catalog). */
function providerName(formData: FormData): string {
  return findProvider(formText(formData, "provider"))?.name ?? "The provider";
}

export async function saveProviderAction(_previous: ProviderFormState, formData: FormData): Promise<ProviderFormState> {
  const actor = await requireActor();
  let saved: SavedProviderConfig | undefined;
  const state = await runForm(async () => {
    // Checkboxes share a name: formFields keeps one value per name, so the scopes are read as a list.
    saved = await saveProviderConfig(actor, { ...formFields(formData), scopes: formData.getAll("scopes") });
    revalidatePath(providersPath(formData), "layout");
  });
  return saved ? savedState(providerName(formData), saved.outcome, saved.credentialCheck) : state;
}

export async function verifyProviderAction(_previous: ProviderFormState, formData: FormData): Promise<ProviderFormState> {
  const actor = await requireActor();
  let check: CredentialCheck | undefined;
  const state = await runForm(async () => {
    check = await verifyProviderCredentials(actor, formFields(formData));
  });
  return check ? verifiedState(providerName(formData), check) : state;
}

export async function setProviderEnabledAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(async () => {
    const enable = formData.get("enable") === "true";
    await setProviderEnabled(actor, formText(formData, "applicationId"), formText(formData, "provider"), enable);
    revalidatePath(providersPath(formData), "layout");
    return { status: "success", message: enable ? `${providerName(formData)} is Active again.` : `${providerName(formData)} is disabled.` };
  });
}

export async function deleteProviderAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(async () => {
    await deleteProviderConfig(actor, formText(formData, "applicationId"), formText(formData, "provider"));
  });
  if (state.status === "success") {
    revalidatePath(providersPath(formData), "layout");
    redirect(providersPath(formData));
  }
  return state;
}

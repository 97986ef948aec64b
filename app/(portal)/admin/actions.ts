"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth";
import { formFields, formText, runForm, type FormState } from "@/lib/forms";
import { changeRole, createInvitation, revokeInvitation, setAccountDisabled } from "@/lib/users";

export async function createInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  return runForm(async () => {
    const { link } = await createInvitation(actor, formFields(formData));
    revalidatePath("/admin/users");
    return { status: "success", message: "Invitation created. Send this link to the person; it works once, for 7 days.", revealed: link };
  });
}

export async function changeRoleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  return runForm(async () => {
    await changeRole(actor, formText(formData, "userId"), formData.get("role"));
    revalidatePath("/admin/users");
    return { status: "success", message: "Role changed." };
  });
}

export async function setDisabledAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  return runForm(async () => {
    const disable = formData.get("disable") === "true";
    await setAccountDisabled(actor, formText(formData, "userId"), disable);
    revalidatePath("/admin/users");
    return { status: "success", message: disable ? "Account disabled; its sessions have ended." : "Account enabled." };
  });
}

export async function revokeInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireAdmin();
  return runForm(async () => {
    await revokeInvitation(actor, formText(formData, "invitationId"));
    revalidatePath("/admin/users");
    return { status: "success", message: "Invitation revoked: its link no longer works." };
  });
}

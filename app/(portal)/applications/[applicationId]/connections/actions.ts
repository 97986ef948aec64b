"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { remoteRevocationSentence } from "@/components/connections/remote-revocation";
import { userActor } from "@/lib/audit";
import { requireActor } from "@/lib/auth";
import { createReconnectSession } from "@/lib/connect";
import { disconnect, getConnectionForActor, type RemoteRevocation } from "@/lib/connections";
import { formatDate } from "@/components/ui/format";
import { clientAddress } from "@/lib/http";
import { findProvider } from "@/lib/providers";
import { formText, runForm, type FormState } from "@/lib/forms";

export async function disconnectAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(async () => {
    const connection = await getConnectionForActor(actor, formText(formData, "connectionId"));
    const { remoteRevocation } = await disconnect(connection, userActor(actor));
    revalidatePath(`/applications/${connection.applicationId}/connections`, "layout");
    return { status: "success", message: disconnectedMessage(findProvider(connection.provider)?.name ?? connection.provider, remoteRevocation) };
  });
}

function disconnectedMessage(providerName: string, remoteRevocation: RemoteRevocation): string {
  const deleted = "Disconnected. Its tokens are deleted; the end user must connect again to restore access.";
  const atProvider = remoteRevocationSentence(providerName, remoteRevocation);
  return atProvider ? `${deleted} ${atProvider}` : deleted;
}

/** A new connect link for the same end user, to send them when the connection needs re-authorization. */
export async function reconnectLinkAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(async () => {
    const { connectUrl, expiresAt } = await createReconnectSession(actor, formText(formData, "connectionId"), clientAddress(await headers()));
    return {
      status: "success",
      message: `Send this link to the end user. It works once, until ${formatDate(new Date(expiresAt))}.`,
      revealed: connectUrl,
    };
  });
}

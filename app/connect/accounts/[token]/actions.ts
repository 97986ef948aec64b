"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { disconnectAccount } from "@/lib/connect";
import { formText, runForm, type FormState } from "@/lib/forms";
import { clientAddress } from "@/lib/http";

/** The end user's Disconnect: back to the page, which says what happened (or that the link has expired). */
export async function disconnectAccountAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const token = formText(formData, "token");
  return runForm(async () => {
    const done = await disconnectAccount(token, formText(formData, "connectionId"), clientAddress(new Headers(await headers())));
    const page = `/connect/accounts/${encodeURIComponent(token)}`;
    if (!done) redirect(page);
    redirect(`${page}?${new URLSearchParams({ outcome: "disconnected", provider: done.providerId, revocation: done.remoteRevocation })}`);
  });
}

"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { describeAnswer } from "@/components/connections/try-it-answer";
import type { RequestState, TokenState } from "@/components/connections/try-it-state";
import { requireActor } from "@/lib/auth";
import { createTestConnectSession } from "@/lib/connect";
import { formatDate } from "@/components/ui/format";
import { getOwnedConnection, readTokenForActor } from "@/lib/connections";
import { clientAddress } from "@/lib/http";
import { findProvider } from "@/lib/providers";
import { proxyCall } from "@/lib/proxy";
import { formFields, formText, runForm, type FormState } from "@/lib/forms";

/** "Test connection": a connect link made by the developer, which brings the end user back to the new connection in the portal. */
export async function testConnectionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(async () => {
    const fields = formFields(formData);
    const landing = `/applications/${encodeURIComponent(fields.applicationId ?? "")}/connections/connected?${new URLSearchParams({ provider: fields.provider ?? "" })}`;
    const { connectUrl, expiresAt } = await createTestConnectSession(actor, fields, landing, clientAddress(await headers()));
    return {
      status: "success",
      message: `Connect link ready for ${fields.endUserId?.trim()}. It works once, until ${formatDate(new Date(expiresAt))}. Connect as your end user in the new tab: it comes back here to the new connection.`,
      revealed: connectUrl,
    };
  });
}

/** "Get token": the connection's fresh access token, for the application's owner, read and audited as theirs. */
export async function getTokenAction(_previous: TokenState, formData: FormData): Promise<TokenState> {
  const actor = await requireActor();
  let token: Extract<TokenState, { status: "success" }>["token"] | undefined;
  const state = await runForm(async () => {
    const read = await readTokenForActor(actor, formText(formData, "connectionId"), clientAddress(await headers()));
    token = read.token;
    // The read is in the connection's history now.
    revalidatePath(`/applications/${read.applicationId}/connections`, "layout");
  });
  return token ? { status: "success", token } : { status: "error", message: state.message };
}

/** "Try a request": the provider's harmless example GET through the proxy, for the application's owner; the call is in the request log as theirs. */
export async function tryRequestAction(_previous: RequestState, formData: FormData): Promise<RequestState> {
  const actor = await requireActor();
  let response: Extract<RequestState, { status: "success" }>["response"] | undefined;
  const state = await runForm(async () => {
    const connection = await getOwnedConnection(actor, formText(formData, "connectionId"));
    const { path } = findProvider(connection.provider)!.exampleRequest;
    const caller = { applicationId: connection.applicationId, apiKeyId: null, userId: actor.userId };
    const request = { method: "GET", path: path.split("/"), search: "", headers: new Headers({ accept: "application/json" }), body: null };
    response = await describeAnswer(path, await proxyCall(caller, connection.id, request));
  });
  return response ? { status: "success", response } : { status: "error", message: state.message };
}

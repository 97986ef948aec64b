import { z } from "zod";
import { apiRoute, readJson } from "@/lib/api";
import { clientAddress } from "@/lib/http";
import { createEndUserSession, endUserIdInput, returnUrlInput } from "@/lib/connect";
import { parseInput } from "@/lib/validation";

const body = z.object({ endUserId: endUserIdInput, returnUrl: returnUrlInput.optional() });

/** A 15-minute link to the end user's own "Your connected accounts" page. */
export const POST = apiRoute(async (request, { application, apiKeyId }) => {
  const input = parseInput(body, await readJson(request));
  const session = await createEndUserSession(application, input, { actor: { type: "API_KEY", id: apiKeyId }, ipAddress: clientAddress(request.headers) });
  return Response.json(session, { status: 201 });
});

import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { clientAddress } from "@/lib/http";
import { beginAuthorization, BROWSER_BINDING_COOKIE, failurePage, STATE_LIFETIME_MS } from "@/lib/connect";
import { findProvider } from "@/lib/providers";

/** The connect page's button lands here: create a state, then off to the provider. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ provider: string }> }): Promise<Response> {
  const provider = findProvider((await params).provider);
  if (!provider) return new Response("Unknown provider.", { status: 404 });
  const { appUrl } = getConfig();
  const outcome = await beginAuthorization(provider, {
    connectToken: request.nextUrl.searchParams.get("session") ?? "",
    browserBinding: request.cookies.get(BROWSER_BINDING_COOKIE)?.value,
    ipAddress: clientAddress(request.headers),
  });
  if (outcome.kind === "failed") return NextResponse.redirect(failurePage(appUrl, provider.id, outcome.code), 302);
  const response = NextResponse.redirect(outcome.redirectTo, 302);
  response.cookies.set(BROWSER_BINDING_COOKIE, outcome.browserBinding, {
    httpOnly: true,
    // Lax: the cookie must come back on the provider's top-level redirect to the callback.
    sameSite: "lax",
    secure: appUrl.startsWith("https://"),
    path: `/api/oauth/${provider.id}`,
    maxAge: STATE_LIFETIME_MS / 1000,
  });
  return response;
}

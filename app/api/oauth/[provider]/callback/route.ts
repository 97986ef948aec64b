import { NextResponse, type NextRequest } from "next/server";
import { clientAddress } from "@/lib/http";
import { getConfig } from "@/lib/config";
import { ACCOUNTS_PAGE_COOKIE, accountsPageAfterCallback, BROWSER_BINDING_COOKIE, completeAuthorization, redirectAfterCallback } from "@/lib/connect";
import { findProvider } from "@/lib/providers";

/** The provider sends the end user back here (the Redirect URI shown in the portal). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ provider: string }> }): Promise<Response> {
  const provider = findProvider((await params).provider);
  if (!provider) return new Response("Unknown provider.", { status: 404 });
  const outcome = await completeAuthorization(provider, {
    query: request.nextUrl.searchParams,
    browserBinding: request.cookies.get(BROWSER_BINDING_COOKIE)?.value,
    ipAddress: clientAddress(request.headers),
  });
  const accountsPage = await accountsPageAfterCallback(provider.id, outcome, request.cookies.get(ACCOUNTS_PAGE_COOKIE)?.value);
  const response = NextResponse.redirect(accountsPage ?? redirectAfterCallback(getConfig().appUrl, provider.id, outcome), 302);
  // The page's link has done its job here: it does not stay in the browser.
  if (request.cookies.has(ACCOUNTS_PAGE_COOKIE)) response.cookies.delete({ name: ACCOUNTS_PAGE_COOKIE, path: "/api/oauth" });
  return response;
}

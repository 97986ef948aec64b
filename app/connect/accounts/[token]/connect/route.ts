import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { ACCOUNTS_PAGE_COOKIE, postedFromOwnPage, startConnectFromAccounts } from "@/lib/connect";
import { AppError } from "@/lib/errors";
import { formText } from "@/lib/forms";
import { clientAddress } from "@/lib/http";

/** The accounts page's Connect and Reconnect buttons post here: a connect session, then the usual authorize route. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  // Another site's post: refused without a redirect, so nothing is started or followed.
  if (!postedFromOwnPage(request.headers)) {
    return new Response("Connect can only be pressed on your connected accounts page.", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const { token } = await params;
  const { appUrl } = getConfig();
  const page = new URL(`/connect/accounts/${encodeURIComponent(token)}`, appUrl);
  // A body that is not a form names no provider, which the connect session refuses like any unknown one.
  const provider = formText(await request.formData().catch(() => new FormData()), "provider");
  try {
    const start = await startConnectFromAccounts(token, provider, clientAddress(request.headers));
    // An expired link: the page says so.
    if (start.kind === "expired") return NextResponse.redirect(page, 303);
    const response = NextResponse.redirect(start.redirectTo, 303);
    response.cookies.set(ACCOUNTS_PAGE_COOKIE, token, {
      httpOnly: true,
      // Lax: it must come back on the provider's top-level redirect to the callback.
      sameSite: "lax",
      secure: appUrl.startsWith("https://"),
      path: "/api/oauth",
      maxAge: start.cookieMaxAgeSeconds,
    });
    return response;
  } catch (error) {
    // The provider was turned off (or never set up) since the page was shown.
    if (!(error instanceof AppError)) throw error;
    page.search = new URLSearchParams({ outcome: "failed", provider, error: "provider_disabled" }).toString();
    return NextResponse.redirect(page, 303);
  }
}

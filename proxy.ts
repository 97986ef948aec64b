// Runs before every page (Node.js runtime, Next 16's successor to middleware):
// a fresh nonce per response, put in the Content-Security-Policy of both the
// request (Next.js reads it there and puts the nonce on its own scripts and
// styles) and the response. Kept off /api (the public API's hot path and the
// OAuth routes answer JSON or redirects) and off static files.
import { NextResponse, type NextRequest } from "next/server";
import { randomBytes } from "node:crypto";
import { getConfig } from "@/lib/config";
import { pageSecurityHeaders } from "@/lib/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const nonce = randomBytes(16).toString("base64");
  const headers = pageSecurityHeaders(getConfig(), { nonce, pathname: request.nextUrl.pathname });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      // Prefetches of the next page get their headers when that page is rendered for real.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};

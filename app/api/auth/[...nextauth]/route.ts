import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth";

// Options are built on first request, not at import, so a build never reads secrets.
// next-auth v4 types its App Router handler's answer as `any`; it is a Response.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return NextAuth(request as never, { params: await context.params } as never, authOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };

// Drives next-auth's own handler, the code behind /api/auth/*, with our options
// and a cookie jar, the way its API-route adapter is called: a request object
// and a response that records what is sent. No Next.js server is needed.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http";

export type AuthAnswer = { status: number; body: unknown; setCookies: string[] };

/** A browser as next-auth sees it: its cookies, and the address our server would record for it. */
export class AuthBrowser {
  readonly cookies = new Map<string, string>();

  constructor(readonly address = "127.0.0.1") {}

  async request(method: "GET" | "POST", route: string[], body?: Record<string, string>): Promise<AuthAnswer> {
    let setCookies: string[] = [];
    let status = 200;
    let sent: unknown;
    const response = {
      status(code: number) {
        status = code;
        return response;
      },
      getHeader: (name: string) => (name.toLowerCase() === "set-cookie" ? setCookies : undefined),
      setHeader(name: string, value: string | string[]) {
        if (name.toLowerCase() === "set-cookie") setCookies = [value].flat();
        return response;
      },
      end() {},
      json(value: unknown) {
        sent = value;
      },
      send(value: unknown) {
        sent = value;
      },
    };
    const request = {
      method,
      query: { nextauth: route },
      body: body && { ...body, json: "true" },
      cookies: Object.fromEntries(this.cookies),
      headers: { host: "localhost:3999", [CLIENT_ADDRESS_HEADER]: this.address },
    };
    await NextAuth(request as never, response as never, authOptions());
    for (const header of setCookies) this.keep(header);
    return { status, body: sent, setCookies };
  }

  /** Signs in through the Credentials provider, as the sign-in form does. */
  async signIn(email: string, password: string): Promise<AuthAnswer> {
    return this.request("POST", ["callback", "credentials"], { email, password, csrfToken: await this.csrfToken() });
  }

  async signOut(): Promise<AuthAnswer> {
    return this.request("POST", ["signout"], { csrfToken: await this.csrfToken() });
  }

  /** GET /api/auth/session. */
  async session(): Promise<AuthAnswer> {
    return this.request("GET", ["session"]);
  }

  get sessionCookie(): string | undefined {
    return this.cookies.get("next-auth.session-token");
  }

  private async csrfToken(): Promise<string> {
    return ((await this.request("GET", ["csrf"])).body as { csrfToken: string }).csrfToken;
  }

  private keep(header: string): void {
    const pair = header.split(";")[0]!;
    const name = pair.slice(0, pair.indexOf("="));
    const value = decodeURIComponent(pair.slice(pair.indexOf("=") + 1));
    if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

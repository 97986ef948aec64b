// next-auth v4 with email + password (Credentials). The JWT cookie only names
// a server-side session (lib/users/sessions): signing in creates the row,
// signing out revokes it, and every read of the session needs the row alive
// (not revoked, before its absolute end) and the account unchanged since (its
// session version), so a copied cookie dies with the session.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "../config";
import { AppError, Unauthenticated } from "../errors";
import { clientAddress } from "../http";
import { describeError, log } from "../log";
import { actorForSession, endSession, signIn, startSession, type SessionClaims } from "../users";
import { sameOriginPath } from "./return-path";

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const config = getConfig();
  // next-auth v4 reads its public URL from the environment.
  process.env.NEXTAUTH_URL ??= config.appUrl;
  cached = {
    secret: config.authSecret,
    // The cookie never outlives the session row; renewing it cannot extend the row's fixed end.
    session: { strategy: "jwt", maxAge: config.sessionMaxAgeHours * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          try {
            const user = await signIn({ email: credentials?.email, password: credentials?.password }, clientAddress(request.headers ?? {}));
            return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
          } catch (error) {
            // next-auth passes the message to the sign-in form; our messages are written for people.
            if (error instanceof AppError) throw new Error(error.message);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const { sessionId, userId, sessionVersion } = await startSession({
            id: user.id,
            sessionVersion: (user as { sessionVersion?: number }).sessionVersion ?? 0,
          });
          return { ...token, sessionId, userId, sessionVersion };
        }
        // Every later read (/api/auth/session): next-auth answers a throw here
        // with an empty session and a cleared cookie, instead of renewing it.
        if (!(await actorForSession(token as Partial<SessionClaims>))) throw new Unauthenticated("The portal session has ended.");
        return token;
      },
      // What the browser may read: who is signed in, not the session's id.
      session({ session, token }) {
        return { ...session, userId: token.userId } as typeof session;
      },
      // Every redirect next-auth makes (its callbackUrl included) stays on our origin.
      redirect({ url }) {
        return new URL(sameOriginPath(url, config.appUrl), config.appUrl).href;
      },
    },
    events: {
      async signOut({ token }) {
        const sessionId = (token as Partial<SessionClaims> | null)?.sessionId;
        if (typeof sessionId === "string") await endSession(sessionId);
      },
    },
    logger: {
      error(code, metadata) {
        // An ended session is an answer, not a fault.
        if (metadata instanceof Unauthenticated) return;
        const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
        log.error("next-auth error", { code, ...(error ? describeError(error) : {}) });
      },
      warn(code) {
        log.warn("next-auth warning", { code });
      },
      debug() {},
    },
  };
  return cached;
}

// next-auth v4 with email + password (Credentials). Sessions are JWTs that
// carry the user id and the account's session version; every request
// re-checks both against the database (see ./session), so disabling an
// account ends its sessions at once.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "../config";
import { AppError } from "../errors";
import { signIn } from "../users";

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const config = getConfig();
  // next-auth v4 reads its public URL from the environment.
  process.env.NEXTAUTH_URL ??= config.appUrl;
  cached = {
    secret: config.authSecret,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          try {
            const user = await signIn({ email: credentials?.email, password: credentials?.password });
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
      jwt({ token, user }) {
        if (user) {
          token.userId = user.id;
          token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.userId, sessionVersion: token.sessionVersion } as typeof session;
      },
    },
  };
  return cached;
}

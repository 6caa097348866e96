import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import type { UserRole } from "@/db/schema";
import { authenticate, refusalMessage, type AuthenticationResult } from "@/lib/auth/authenticate";
import { sameSiteRedirect } from "@/lib/auth/callback-url";
import { clientIp } from "@/lib/auth/client-ip";
import { deviceCookieMaxAgeSeconds, deviceCookieName, deviceTokenFrom, rememberDevice } from "@/lib/auth/devices";
import { endSession, isStaff, resolveSessionUser, startSession, type SessionUser } from "@/lib/auth/session";
import { log, type Log } from "@/lib/log";
import { services } from "@/lib/services";
import { loggerFor } from "./log";
import { viewerTimeZone } from "./time-zone";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
    sessionId?: string;
  }
  interface Session {
    sessionVersion?: number;
    sessionId?: string;
  }
}

/** A refused sign-in, carrying the message to show (why it was refused, never whether the login exists), its time in `timeZone`. */
export class SignInRefused extends CredentialsSignin {
  readonly userMessage: string;
  constructor(refusal: Exclude<AuthenticationResult, { ok: true }>, timeZone: string) {
    super();
    this.code = refusal.reason;
    this.userMessage = refusalMessage(refusal, timeZone);
  }
}

export const credentialsSchema = z.object({
  login: z.string().trim().min(1, "Enter your email or username.").max(320),
  password: z.string().min(1, "Enter your password.").max(200),
});

/** One line per sign-in attempt: who, and why a refusal; never the password. */
export function logSignIn(logger: Log, login: string, result: AuthenticationResult) {
  if (result.ok) logger.info({ userId: result.user.id }, "signed in");
  else logger.warn({ login, reason: result.reason }, "sign-in refused");
}

/**
 * Sets the `lw_device` cookie that makes this browser a known device of the user: its sign-ins are
 * then throttled apart from everyone else's. Sign-in runs in the login form's server action, where
 * `cookies()` can set a cookie on the response. Secure over https, as the session cookie.
 */
async function rememberThisDevice(request: Request, token: string) {
  const https = (request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "")) === "https";
  (await cookies()).set(deviceCookieName, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: https,
    path: "/",
    maxAge: deviceCookieMaxAgeSeconds,
  });
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  // The app runs behind a TLS-terminating proxy, whose X-Forwarded-Proto/Host are trusted.
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  // "Secure in production" means "Secure over https": the session cookie is Secure, and named
  // with the __Secure- prefix, exactly when the request came over https (X-Forwarded-Proto, or
  // AUTH_URL when set); next-auth decides this per request. Over plain http, as on a laptop or
  // the e2e server, a Secure cookie would never come back. HttpOnly and SameSite=Lax always.
  cookies: { sessionToken: { options: { httpOnly: true, sameSite: "lax", path: "/" } } },
  pages: { signIn: "/login" },
  logger: {
    error(error) {
      // A refused sign-in is expected, and already logged and audited: no stack trace for it.
      if (error instanceof CredentialsSignin) return;
      log().error({ err: error }, "auth error");
    },
    warn(code) {
      log().warn({ code }, "auth warning");
    },
    debug(message, metadata) {
      log().debug({ metadata }, message);
    },
  },
  providers: [
    Credentials({
      credentials: { login: {}, password: {} },
      async authorize(input, request) {
        const parsed = credentialsSchema.safeParse(input);
        if (!parsed.success) throw new SignInRefused({ ok: false, reason: "invalid" }, await viewerTimeZone());
        const { db, lockout } = services();
        const deviceToken = deviceTokenFrom(request.headers.get("cookie"));
        const result = await authenticate(db, lockout, { ...parsed.data, ip: clientIp(request.headers), deviceToken });
        logSignIn(loggerFor(request.headers), parsed.data.login, result);
        if (!result.ok) throw new SignInRefused(result, await viewerTimeZone());
        await rememberThisDevice(request, await rememberDevice(db, result.user.id, deviceToken));
        const sessionId = await startSession(db, result.user.id);
        return { id: result.user.id, name: result.user.name, email: result.user.email, sessionVersion: result.user.sessionVersion, sessionId };
      },
    }),
  ],
  callbacks: {
    // Every redirect next-auth makes (sign-in, sign-out, its callback-url cookie) stays on this site.
    redirect({ url, baseUrl }) {
      return sameSiteRedirect(url, baseUrl);
    },
    jwt({ token, user }) {
      if (user) {
        token.sessionVersion = user.sessionVersion;
        token.sessionId = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.sessionVersion = typeof token.sessionVersion === "number" ? token.sessionVersion : undefined;
      session.sessionId = typeof token.sessionId === "string" ? token.sessionId : undefined;
      return session;
    },
  },
});

/** The signed-in user, checked against the database on every request; null when signed out or revoked. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.user?.id || session.sessionVersion === undefined || session.sessionId === undefined) return null;
  return resolveSessionUser(services().db, { userId: session.user.id, sessionId: session.sessionId, sessionVersion: session.sessionVersion });
});

/** For pages and layouts: sends a signed-out visitor to sign in, and a signed-in one without the role home. */
export async function requireUser(roles?: readonly UserRole[]): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (roles && !roles.includes(user.role)) redirect(homePath(user));
  return user;
}

export function homePath(user: SessionUser): string {
  return isStaff(user.role) ? "/dashboard" : "/wallet";
}

/** Signs out: the session ends on the server first, so a copy of the cookie is worthless too. */
export async function endCurrentSession(): Promise<void> {
  const session = await auth();
  if (session?.user?.id && session.sessionId) await endSession(services().db, { userId: session.user.id, sessionId: session.sessionId });
  await signOut({ redirectTo: "/login" });
}

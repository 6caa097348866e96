import { NextResponse, type NextRequest } from "next/server";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { requestIdFrom, requestIdHeader } from "@/lib/log/request-id";

// An optimistic redirect for visitors with no session cookie at all. It is not a security
// boundary: every page, action and route handler checks the session and role itself.
const sessionCookies = ["authjs.session-token", "__Secure-authjs.session-token"];

// Next's default serverActions.bodySizeLimit, which next.config.ts keeps.
const actionBodyLimitBytes = 1024 ** 2;

/**
 * A server action posted from another site, or larger than Next accepts: Next refuses both
 * itself, but as a 500. Answering 403 and 413 here tells the client what was wrong. An action
 * sent without a length (chunked) fails in Next with a 500 even when small; Next's own pages
 * always send one, so it gets 411 (docs/deploy.md: the proxy in front must pass the length on).
 */
export function refuseBadServerAction(request: NextRequest): NextResponse | undefined {
  if (request.method !== "POST" || !request.headers.has("next-action")) return undefined;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && (!URL.canParse(origin) || new URL(origin).host !== host)) return new NextResponse("Server actions must come from this site.", { status: 403 });
  const length = request.headers.get("content-length");
  if (length === null) return new NextResponse("Send the form with a Content-Length.", { status: 411 });
  if (Number(length) > actionBodyLimitBytes) return new NextResponse("The form is too large.", { status: 413 });
  return undefined;
}

/** Pages a visitor without a session cookie is sent to sign in from: all but sign-in, sign-up and its email link, the password reset and the public API docs. */
function wantsSession(pathname: string): boolean {
  return !/^\/(login|signup|verify-email|forgot-password|reset-password|api\/|docs\/)/.test(pathname);
}

/**
 * A nonce per request lets Next's own scripts run and nothing injected: no 'unsafe-inline' for
 * scripts. Styles keep 'unsafe-inline' for the style attributes React renders (chart bars).
 */
function contentSecurityPolicy(nonce: string, overHttps: boolean): string {
  const development = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    // React's development build evaluates server error stacks; production never uses eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only a page served over https has requests to upgrade; over plain http it would break them.
    ...(overHttps ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Like next-auth's Secure cookies: https as the TLS-terminating proxy reports it (trusted, see app/_server/auth.ts). */
function servedOverHttps(request: NextRequest): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0].trim();
  return (forwarded ?? request.nextUrl.protocol.replace(":", "")) === "https";
}

export function proxy(request: NextRequest) {
  const refused = refuseBadServerAction(request);
  if (refused) return refused;
  const requestId = requestIdFrom(request.headers.get(requestIdHeader));
  const { pathname, search } = request.nextUrl;

  if (wantsSession(pathname) && !sessionCookies.some((name) => request.cookies.has(name))) {
    const login = new URL("/login", request.url);
    // Only a path sign-in would accept: `//evil.example` asked for here doesn't travel on as a callback.
    const callbackUrl = safeCallbackUrl(pathname + search);
    if (callbackUrl !== "/") login.searchParams.set("callbackUrl", callbackUrl);
    const redirect = NextResponse.redirect(login);
    redirect.headers.set(requestIdHeader, requestId);
    return redirect;
  }

  // Pages and actions log under this id.
  const forwarded = new Headers(request.headers);
  forwarded.set(requestIdHeader, requestId);
  const policy = contentSecurityPolicy(btoa(crypto.randomUUID()), servedOverHttps(request));
  // Next reads the nonce from the request's policy and puts it on every script it renders.
  forwarded.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set(requestIdHeader, requestId);
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    // Pages and server actions. Not static files, nor the API: its handlers take or give the
    // request id themselves (app/_server/log.ts), and Next buffers in memory (cut at 10 MB) the body
    // of every request the proxy sees, which costs every API call and breaks streamed imports.
    "/((?!_next/static/|_next/image|favicon.ico|robots.txt|api/).*)",
  ],
};

import { NextResponse, type NextRequest } from "next/server";

// An optimistic redirect for visitors with no session cookie at all. It is not a security
// boundary: every page, action and route handler checks the session and role itself.
const sessionCookies = ["authjs.session-token", "__Secure-authjs.session-token"];

// Next's default serverActions.bodySizeLimit, which next.config.ts keeps.
const actionBodyLimitBytes = 1024 ** 2;

/**
 * A server action posted from another site, or larger than Next accepts: Next refuses both
 * itself, but as a 500. Answering 403 and 413 here tells the client what was wrong.
 */
export function refuseBadServerAction(request: NextRequest): NextResponse | undefined {
  if (request.method !== "POST" || !request.headers.has("next-action")) return undefined;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && (!URL.canParse(origin) || new URL(origin).host !== host)) return new NextResponse("Server actions must come from this site.", { status: 403 });
  if (Number(request.headers.get("content-length") ?? 0) > actionBodyLimitBytes) return new NextResponse("The form is too large.", { status: 413 });
  return undefined;
}

export function proxy(request: NextRequest) {
  const refused = refuseBadServerAction(request);
  if (refused) return refused;
  // The sign-in page is here for its server action only.
  if (request.nextUrl.pathname === "/login") return NextResponse.next();
  if (sessionCookies.some((name) => request.cookies.has(name))) return NextResponse.next();
  const login = new URL("/login", request.url);
  const path = request.nextUrl.pathname + request.nextUrl.search;
  if (path !== "/") login.searchParams.set("callbackUrl", path);
  return NextResponse.redirect(login);
}

export const config = {
  // Everything but sign-in, the API (which answers 401 itself), the public API docs and static
  // files; the sign-in page for its server action.
  matcher: ["/((?!login|api/|docs/|_next/|favicon.ico|robots.txt).*)", { source: "/login", has: [{ type: "header", key: "next-action" }] }],
};

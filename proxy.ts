import { NextResponse, type NextRequest } from "next/server";

// An optimistic redirect for visitors with no session cookie at all. It is not a security
// boundary: every page, action and route handler checks the session and role itself.
const sessionCookies = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  if (sessionCookies.some((name) => request.cookies.has(name))) return NextResponse.next();
  const login = new URL("/login", request.url);
  const path = request.nextUrl.pathname + request.nextUrl.search;
  if (path !== "/") login.searchParams.set("callbackUrl", path);
  return NextResponse.redirect(login);
}

export const config = {
  // Everything but sign-in, the API (which answers 401 itself), the public API docs and static files.
  matcher: ["/((?!login|api/|docs/|_next/|favicon.ico|robots.txt).*)"],
};

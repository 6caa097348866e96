import { createHash, timingSafeEqual } from "node:crypto";

/** The bearer token sent, "" for an Authorization header of another kind, null for none. */
export function bearerToken(request: Request): string | null {
  const authorization = request.headers.get("authorization");
  if (authorization === null) return null;
  const [scheme, token] = authorization.split(" ");
  return scheme?.toLowerCase() === "bearer" && token ? token : "";
}

/**
 * A session cookie travels with every request the browser makes, another site's form posting
 * here included: an unsafe method signed in by cookie must come from this site, as Next checks
 * for server actions. Bearer tokens are never sent by a browser on its own.
 */
export function isCrossSiteCookieRequest(request: Request): boolean {
  if (request.method === "GET" || request.method === "HEAD" || bearerToken(request) !== null) return false;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return true;
  return URL.canParse(origin) ? new URL(origin).host !== host : true;
}

const digest = (secret: string) => createHash("sha256").update(secret).digest();

/** Compares hashes, so the time taken says nothing about the key, nor about its length. */
export function isProviderKey(candidate: string, key: string): boolean {
  return timingSafeEqual(digest(candidate), digest(key));
}

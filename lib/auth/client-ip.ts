/**
 * The client's address, for rate limits and the audit log. The production server's request hook
 * (scripts/server-hook.ts) has already replaced X-Forwarded-For with the one address it resolved
 * from the socket and TRUSTED_PROXIES, and dropped X-Real-IP. Under `next dev`, which has no such
 * hook, the header is as the client sent it (or the socket's address, which Next fills in when it is
 * absent): the last entry is taken, and nothing there is to be trusted.
 */
export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || "unknown";
}

/**
 * The client's address for rate limiting. The last X-Forwarded-For entry is the one added by
 * the nearest proxy (or by Next itself); earlier entries are whatever the client claimed.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || headers.get("x-real-ip") || "unknown";
}

const thisSite = "http://this-site.invalid";

/**
 * Where to go after sign-in: only a path on this site, never another origin. The value is
 * resolved as a browser would resolve it (backslashes read as slashes, tabs and newlines
 * dropped), so `/\evil.example` or `/<tab>/evil.example` can't pass as a path.
 */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || !URL.canParse(value, thisSite)) return "/";
  const url = new URL(value, thisSite);
  return url.origin === thisSite ? url.pathname + url.search + url.hash : "/";
}

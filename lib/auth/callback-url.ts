const thisSite = "http://this-site.invalid";

/** Longer than any path of ours with its query; a longer value is refused rather than judged. */
const maxLength = 2048;

/** How many times a value may decode to something new: a real path of ours needs at most one. */
const maxDecodings = 3;

/** "/" alone, or "/" then a character no browser reads as the start of a host: not "/" nor "\". */
const singleSlash = /^\/(?![/\\])/;

/** C0 controls and DEL: the URL parser drops tabs and newlines silently, so none is allowed. */
const controlCharacter = /[\u0000-\u001f\u007f]/;

/** The value resolved as a browser resolves it, when that stays a single-slash path on this site. */
function resolvePath(value: string): URL | undefined {
  if (!singleSlash.test(value) || controlCharacter.test(value) || !URL.canParse(value, thisSite)) return undefined;
  const url = new URL(value, thisSite);
  return url.origin === thisSite && singleSlash.test(url.pathname) ? url : undefined;
}

/** Whether the path is still one of ours however many times something further on decodes it. */
function staysAPathWhenDecoded(pathname: string): boolean {
  let current = pathname;
  for (let round = 0; round < maxDecodings; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return false;
    }
    const url = resolvePath(decoded);
    if (!url) return false;
    // Decoding gave back the same path once the parser encodes it again (as with "．"): settled.
    if (decoded === current || url.pathname === current) return true;
    current = url.pathname;
  }
  return false;
}

/**
 * Where to go after sign-in: only a path on this site, never another origin. The value is first
 * normalised as a browser would (backslashes read as slashes, tabs and newlines dropped, `..` and
 * `%2e%2e` resolved), and the result must start with one slash: `/..//evil.example` normalises to
 * `//evil.example`, which a browser reads as a host. A path that decodes to such a form
 * (`/%2F%2Fevil.example`, `/%5Cevil.example`) is refused too, since a proxy or router may decode
 * it once more. Anything refused becomes `/`, the signed-in user's home.
 */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || value.length > maxLength) return "/";
  const url = resolvePath(value);
  if (!url || !staysAPathWhenDecoded(url.pathname)) return "/";
  return url.pathname + url.search + url.hash;
}

/**
 * next-auth's `redirect` callback: every redirect it makes (after sign-in or sign-out, from a
 * form field, a query parameter or its callback-url cookie) becomes an absolute URL on this site
 * built from a safe path. Another origin, or anything unparsable, goes home.
 */
export function sameSiteRedirect(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  if (!URL.canParse(url)) return origin + safeCallbackUrl(url);
  const absolute = new URL(url);
  return absolute.origin === origin ? origin + safeCallbackUrl(absolute.pathname + absolute.search + absolute.hash) : origin + "/";
}

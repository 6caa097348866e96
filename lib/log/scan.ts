export type LogScan = {
  /** Lines written by the app's logger (JSON), as opposed to the framework's own plain text. */
  jsonLines: number;
  /** The one-per-API-request lines. */
  requestLines: number;
  problems: string[];
};

/**
 * Our API and refresh tokens (lib/auth: "lw_" or "lwr_" and 32 random bytes in base64url), password
 * reset links' tokens, and any bearer credential.
 */
const credentialShapes = [/lwr?_[A-Za-z0-9_-]{43}/, /reset-password\?token=/, /Bearer\s/];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A short secret (a 6-digit password) is found only as a whole word, so the same digits inside
 * an id, a timestamp or a longer number don't count; a long one is found anywhere.
 */
function secretPattern(secret: string): RegExp {
  const escaped = escapeRegExp(secret);
  return secret.length < 16 ? new RegExp(`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])`) : new RegExp(escaped);
}

/** Checks a server log: every JSON line parses and carries a requestId, and no secret nor credential appears in any line. */
export function scanLog(text: string, secrets: readonly string[]): LogScan {
  const patterns = [...secrets.filter(Boolean).map(secretPattern), ...credentialShapes];
  const scan: LogScan = { jsonLines: 0, requestLines: 0, problems: [] };
  text.split("\n").forEach((line, index) => {
    const where = `line ${index + 1}`;
    for (const pattern of patterns) {
      // The pattern names the kind of secret, never the secret itself: this report is printed.
      if (pattern.test(line)) scan.problems.push(`${where}: a secret or credential (${credentialShapes.includes(pattern) ? pattern.source : "a known secret"})`);
    }
    if (!line.trimStart().startsWith("{")) return;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      scan.problems.push(`${where}: not valid JSON`);
      return;
    }
    scan.jsonLines += 1;
    const fields = entry as Record<string, unknown>;
    if (typeof fields.requestId !== "string" || fields.requestId === "") scan.problems.push(`${where}: no requestId`);
    if (fields.msg === "api request") scan.requestLines += 1;
  });
  return scan;
}

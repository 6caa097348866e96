import { createHmac, timingSafeEqual } from "node:crypto";

// Stripe's scheme: the header names the time it was signed and the HMAC-SHA256 of "<time>.<body>",
// so a receiver checks both that the body is ours and that it is fresh (a replayed old one fails).

/** The X-Ledgerwatch-Signature header's value for `body`, signed at `at`. */
export function webhookSignature(secret: string, body: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

const hmac = (secret: string, t: number, body: string) => createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");

/**
 * For receivers: whether `header` (X-Ledgerwatch-Signature) signs `body` exactly as received,
 * under `secret`, at most `toleranceSeconds` from `now`. Several v1 values (while a secret is
 * rotated) pass when any one does.
 */
export function verifyWebhookSignature(input: { secret: string; body: string; header: string | null | undefined; toleranceSeconds?: number; now?: Date }): boolean {
  if (!input.header) return false;
  const parts = input.header.split(",").map((part) => part.trim().split("="));
  const t = Number(parts.find(([key]) => key === "t")?.[1]);
  if (!Number.isSafeInteger(t)) return false;
  const now = (input.now ?? new Date()).getTime() / 1000;
  if (Math.abs(now - t) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(hmac(input.secret, t, input.body), "hex");
  return parts.some(([key, value]) => {
    if (key !== "v1" || !/^[0-9a-f]{64}$/.test(value ?? "")) return false;
    return timingSafeEqual(Buffer.from(value, "hex"), expected);
  });
}

import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { knownDevices } from "@/db/schema";

export const deviceCookieName = "lw_device";
export const deviceCookieMaxAgeSeconds = 365 * 24 * 60 * 60;

const hashDeviceToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The `lw_device` cookie's value in a Cookie header, if any. */
export function deviceTokenFrom(cookieHeader: string | null | undefined): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === deviceCookieName && value.length > 0) return value.join("=");
  }
  return undefined;
}

/**
 * The known device a token names, when it was issued to this user. Looked up by the token alone,
 * whoever the login names, so an unknown login costs the same query as a known one.
 */
export async function findKnownDevice(db: Database, token: string | undefined, userId: string | undefined) {
  if (!token) return undefined;
  const device = await db.query.knownDevices.findFirst({ where: eq(knownDevices.tokenHash, hashDeviceToken(token)) });
  return device && device.userId === userId ? device : undefined;
}

/**
 * After a successful sign-in: the token of the device it came from, kept when it is already this
 * user's, otherwise a new one (random 32 bytes; only its hash is stored).
 */
export async function rememberDevice(db: Database, userId: string, token: string | undefined, now = new Date()): Promise<string> {
  const known = await findKnownDevice(db, token, userId);
  if (known && token) {
    await db.update(knownDevices).set({ lastUsedAt: now }).where(eq(knownDevices.id, known.id));
    return token;
  }
  const fresh = randomBytes(32).toString("base64url");
  await db.insert(knownDevices).values({ userId, tokenHash: hashDeviceToken(fresh), createdAt: now, lastUsedAt: now });
  return fresh;
}

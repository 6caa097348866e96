import bcrypt from "bcryptjs";
import { randomInt } from "node:crypto";

/** A 6-digit numeric password from the OS's cryptographic generator; leading zeros kept. */
export function generatePassword(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the login matches no user, so an unknown login takes as long
// to refuse as a wrong password and doesn't reveal which logins exist.
const unknownUserHash = bcrypt.hashSync("no user has this password", 10);

export function verifyAgainstNobody(password: string): Promise<boolean> {
  return bcrypt.compare(password, unknownUserHash);
}

let commonPasswords: Set<string> | undefined;

/**
 * Whether a password is among the ~49,000 most common ones (zxcvbn's list, frequency-ranked from
 * leaked password sets), compared without case: the first guesses of any attacker.
 */
export async function isCommonPassword(password: string): Promise<boolean> {
  if (!commonPasswords) {
    const { dictionary } = await import("@zxcvbn-ts/language-common");
    commonPasswords = new Set(dictionary.passwords.map((entry) => entry.toLowerCase()));
  }
  return commonPasswords.has(password.toLowerCase());
}

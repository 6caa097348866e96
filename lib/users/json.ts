import type { UserSummary } from "./index";

/** A user as the API shows it. */
export function userJson(user: UserSummary, now = new Date()) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    // Locked for sign-ins from unknown sources (a known device of the user's may still get in).
    locked: user.lockedUntil !== null && user.lockedUntil > now,
  };
}

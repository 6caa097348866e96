import type { Config } from "@/lib/config";

export type LockoutPolicy = {
  maxAttempts: number;
  lockMinutes: number;
  ipMaxFailures: number;
  ipWindowMinutes: number;
};

export function lockoutPolicy(config: Config): LockoutPolicy {
  return {
    maxAttempts: config.LOCKOUT_MAX_ATTEMPTS,
    lockMinutes: config.LOCKOUT_MINUTES,
    ipMaxFailures: config.IP_MAX_FAILURES,
    ipWindowMinutes: config.IP_WINDOW_MINUTES,
  };
}

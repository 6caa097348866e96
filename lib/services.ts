import { appDatabase, type Database } from "@/db/client";
import { lockoutPolicy, type LockoutPolicy } from "@/lib/auth/policy";
import { config, type Config } from "@/lib/config";
import { createMailer, type Mailer } from "@/lib/mail";
import { RateLimiter } from "@/lib/rate-limit";
import type { UserServices } from "@/lib/users";

export type Services = {
  config: Config;
  db: Database;
  mailer: Mailer;
  lockout: LockoutPolicy;
  rateLimiter: RateLimiter;
  users: UserServices;
};

let cached: Services | undefined;

/** The app's wiring of the domain library: one config, one pool, one mailer per process. */
export function services(): Services {
  if (!cached) {
    const cfg = config();
    const db = appDatabase();
    const mailer = createMailer(db, { smtpUrl: cfg.SMTP_URL, from: cfg.MAIL_FROM });
    cached = {
      config: cfg,
      db,
      mailer,
      lockout: lockoutPolicy(cfg),
      rateLimiter: new RateLimiter(db),
      users: { db, mailer, bcryptCost: cfg.BCRYPT_COST, appUrl: cfg.APP_URL },
    };
  }
  return cached;
}

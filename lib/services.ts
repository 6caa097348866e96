import { appDatabase, importDatabase, type Database } from "@/db/client";
import { lockoutPolicy, type LockoutPolicy } from "@/lib/auth/lockout";
import { config, type Config } from "@/lib/config";
import { ImportSlots } from "@/lib/imports/slots";
import { createMailer, type Mailer } from "@/lib/mail";
import { RateLimiter } from "@/lib/rate-limit";
import type { UserServices } from "@/lib/users";

export type Services = {
  config: Config;
  db: Database;
  /** The pool imports write with, apart from `db`'s. */
  importDb: Database;
  importSlots: ImportSlots;
  mailer: Mailer;
  lockout: LockoutPolicy;
  rateLimiter: RateLimiter;
  users: UserServices;
};

let cached: Services | undefined;

/** The app's wiring of the domain library: one config, one pool (and one for imports), one mailer per process. */
export function services(): Services {
  if (!cached) {
    const cfg = config();
    const db = appDatabase();
    const mailer = createMailer(db, { smtpUrl: cfg.SMTP_URL, from: cfg.MAIL_FROM });
    cached = {
      config: cfg,
      db,
      importDb: importDatabase(),
      importSlots: new ImportSlots({ perUser: cfg.IMPORT_MAX_CONCURRENT_PER_USER, total: cfg.IMPORT_MAX_CONCURRENT }),
      mailer,
      lockout: lockoutPolicy(cfg),
      rateLimiter: new RateLimiter(db),
      users: { db, mailer, bcryptCost: cfg.BCRYPT_COST, appUrl: cfg.APP_URL },
    };
  }
  return cached;
}

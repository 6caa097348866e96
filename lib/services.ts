import { appDatabase, importDatabase, type Database } from "@/db/client";
import { lockoutPolicy, type LockoutPolicy } from "@/lib/auth/lockout";
import { config, type Config } from "@/lib/config";
import { ImportSlots } from "@/lib/imports/slots";
import { outboxMailer, type Mailer } from "@/lib/mail";
import { startOutboxWorker, type OutboxWorker } from "@/lib/mail/outbox";
import { notificationEmailsPerRound, queueNotificationEmails } from "@/lib/notifications";
import { RateLimiter } from "@/lib/rate-limit";
import type { UserServices } from "@/lib/users";
import type { SignUpServices } from "@/lib/users/signup";
import { startWebhookSender, webhookTarget } from "@/lib/webhooks";
import type { Worker } from "@/lib/worker";

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
  signUp: SignUpServices;
};

let cached: Services | undefined;

/** The app's wiring of the domain library: one config, one pool (and one for imports), one mailer per process. */
export function services(): Services {
  if (!cached) {
    const cfg = config();
    const db = appDatabase();
    const mailer = outboxMailer(db);
    cached = {
      config: cfg,
      db,
      importDb: importDatabase(),
      importSlots: new ImportSlots({ perUser: cfg.IMPORT_MAX_CONCURRENT_PER_USER, total: cfg.IMPORT_MAX_CONCURRENT }),
      mailer,
      lockout: lockoutPolicy(cfg),
      rateLimiter: new RateLimiter(db),
      users: { db, mailer, bcryptCost: cfg.BCRYPT_COST, appUrl: cfg.APP_URL },
      signUp: { db, mailer, bcryptCost: cfg.BCRYPT_COST, appUrl: cfg.APP_URL, secret: cfg.AUTH_SECRET },
    };
  }
  return cached;
}

/**
 * This process's mail worker (instrumentation.ts starts it with the server): it turns
 * notifications into outbox mail and, when SMTP is configured, sends the outbox.
 */
export function startMailWorker(): OutboxWorker {
  const { config: cfg, db } = services();
  return startOutboxWorker(db, {
    smtpUrl: cfg.SMTP_URL,
    from: cfg.MAIL_FROM,
    messageIdDomain: new URL(cfg.APP_URL).hostname,
    queue: async () => (await queueNotificationEmails(db, cfg.APP_URL)) >= notificationEmailsPerRound,
  });
}

/**
 * This process's webhook sender (instrumentation.ts starts it with the server): it posts each
 * screening decision to WEBHOOK_URL; unset, the deliveries stay in the log.
 */
export function startWebhookWorker(): Worker {
  const { config: cfg, db } = services();
  return startWebhookSender(db, webhookTarget(cfg));
}

import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { thresholdVersions, users } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { formatMinorUnits, MAX_MINOR_UNITS, parseDecimalAmount } from "@/lib/money";
import type { Page } from "@/lib/paging";

/** The thresholds in minor units (BRL cents); a value at or above one is suspicious. */
export type Thresholds = {
  version: number;
  transaction: bigint;
  account: bigint;
  branch: bigint;
  createdAt: Date;
  createdBy: string | null;
};

const versionColumns = {
  version: thresholdVersions.version,
  transaction: thresholdVersions.transactionAmount,
  account: thresholdVersions.accountTotal,
  branch: thresholdVersions.branchTotal,
  createdAt: thresholdVersions.createdAt,
  createdBy: users.name,
};

/** The thresholds in force: the latest version. */
export async function currentThresholds(db: Pick<Database, "select">): Promise<Thresholds> {
  const [row] = await db
    .select(versionColumns)
    .from(thresholdVersions)
    .leftJoin(users, eq(users.id, thresholdVersions.createdBy))
    .orderBy(desc(thresholdVersions.version))
    .limit(1);
  // The migration installs version 1, so there is always one.
  if (!row) throw new Error("No analysis thresholds: the database migrations have not run.");
  return row;
}

export async function listThresholdVersions(db: Database, page: Page) {
  return db
    .select(versionColumns)
    .from(thresholdVersions)
    .leftJoin(users, eq(users.id, thresholdVersions.createdBy))
    .orderBy(desc(thresholdVersions.version))
    .limit(page.size)
    .offset(page.index * page.size);
}

const amount = (label: string) =>
  z
    .string()
    .trim()
    .transform((text, context) => {
      const cents = parseDecimalAmount(text);
      if (cents === null || cents <= 0n || cents > MAX_MINOR_UNITS) {
        context.addIssue({ code: "custom", message: `${label} must be a positive amount with at most 2 decimal places, like 100000.00.` });
        return z.NEVER;
      }
      return cents;
    });

/** The thresholds as typed in a form or sent as JSON: decimal strings in BRL. */
export const thresholdsInputSchema = z.object({
  transaction: amount("The transaction threshold"),
  account: amount("The account threshold"),
  branch: amount("The branch threshold"),
});
export type ThresholdsInput = z.output<typeof thresholdsInputSchema>;

/** Saves the thresholds as a new version (older versions stay, for the reports that used them). */
export async function updateThresholds(db: Database, actor: Actor & { id: string }, input: ThresholdsInput): Promise<Thresholds> {
  return db.transaction(async (tx) => {
    const previous = await currentThresholds(tx);
    const [row] = await tx
      .insert(thresholdVersions)
      .values({ transactionAmount: input.transaction, accountTotal: input.account, branchTotal: input.branch, createdBy: actor.id })
      .returning({ version: thresholdVersions.version });
    await recordAudit(tx, {
      actor,
      action: "threshold.updated",
      targetType: "thresholds",
      targetId: String(row.version),
      details: {
        version: row.version,
        previousVersion: previous.version,
        ...thresholdsJson({ transaction: input.transaction, account: input.account, branch: input.branch }),
      },
    });
    const [saved] = await tx
      .select(versionColumns)
      .from(thresholdVersions)
      .leftJoin(users, eq(users.id, thresholdVersions.createdBy))
      .where(eq(thresholdVersions.version, row.version));
    return saved;
  });
}

/** The thresholds as decimal strings, as the API and the audit log show them. */
export function thresholdsJson(thresholds: Pick<Thresholds, "transaction" | "account" | "branch">) {
  return {
    transaction: formatMinorUnits(thresholds.transaction),
    account: formatMinorUnits(thresholds.account),
    branch: formatMinorUnits(thresholds.branch),
  };
}

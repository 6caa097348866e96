"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { protectedAction } from "@/app/_server/action";
import { maxRateFileBytes, maxRateLines, parseRateFile, type LineError } from "@/lib/ledger/rate-import";
import { importRates, saveRate } from "@/lib/ledger/rate-queries";
import { rateInputSchema } from "@/lib/ledger/rates";

const setRateSchema = rateInputSchema.extend({
  source: z
    .string()
    .trim()
    .max(100, "Use at most 100 characters.")
    .transform((source) => source || "manual"),
});

export const setRateAction = protectedAction(["admin"], setRateSchema, async (input, { actor, services }) => {
  const saved = await saveRate(services.db, actor, input);
  revalidatePath("/fx-rates");
  return { success: `1 ${saved.base} = ${saved.rate} ${saved.quote} is now in force.` };
});

const importSchema = z.object({
  fileName: z.string().trim().min(1).max(255).catch("rates.csv"),
  csv: z.string().max(maxRateFileBytes, `The file is too large: a rates file holds at most ${maxRateLines} lines.`),
});

export const importRatesAction = protectedAction<typeof importSchema, { errors: LineError[] }>(
  ["admin"],
  importSchema,
  async ({ fileName, csv }, { actor, services }) => {
    const parsed = parseRateFile(csv);
    if (!parsed.ok) return { error: parsed.message, data: { errors: parsed.errors } };
    const count = await importRates(services.db, actor, parsed.rates, fileName);
    revalidatePath("/fx-rates");
    return { success: `${count} ${count === 1 ? "rate" : "rates"} imported from ${fileName}.` };
  },
);

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { protectedAction, type ActionState } from "@/app/_server/action";
import { backtest, candidateWithVersion, liveRuleset, type Backtest } from "@/lib/screening/backtest";
import { activateRuleVersion, addRuleVersion, createList, createRule, deactivateRule, listInputSchema, ruleInputSchema, updateListEntries, type RuleInput } from "@/lib/screening/rules";

// Staff edit screening rules and lists here: admins only, every change audited by lib/screening/rules.ts.

/** The rule form: its conditions come from the condition builder as one JSON field. */
const ruleFormSchema = z.object({ ruleId: z.string().optional(), name: z.string(), outcome: z.string(), conditions: z.string() });

/** The rule the form describes, or the form state naming each refused field (`conditions.0.amount`). */
function ruleFromForm(form: z.infer<typeof ruleFormSchema>): { rule: RuleInput } | { refused: ActionState } {
  let conditions: unknown;
  try {
    conditions = JSON.parse(form.conditions);
  } catch {
    conditions = [];
  }
  const parsed = ruleInputSchema.safeParse({ name: form.name, outcome: form.outcome, conditions });
  if (parsed.success) return { rule: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".")] ??= []).push(issue.message);
  return { refused: { error: "Check the highlighted fields.", fieldErrors, values: { name: form.name, outcome: form.outcome } } };
}

export const createRuleAction = protectedAction(["admin"], ruleFormSchema, async (form, { actor, services }): Promise<ActionState> => {
  const found = ruleFromForm(form);
  if ("refused" in found) return found.refused;
  const { ruleId } = await createRule(services.db, actor, found.rule);
  revalidatePath("/screening");
  redirect(`/screening/rules/${ruleId}?created=1`);
});

export const addRuleVersionAction = protectedAction(["admin"], ruleFormSchema.extend({ ruleId: z.uuid() }), async (form, { actor, services }): Promise<ActionState> => {
  const found = ruleFromForm(form);
  if ("refused" in found) return found.refused;
  const { version } = await addRuleVersion(services.db, actor, form.ruleId, found.rule);
  revalidatePath(`/screening/rules/${form.ruleId}`);
  return { success: `Version ${version} saved. Backtest it, then activate it to put it live.` };
});

const versionSchema = z.object({ versionId: z.uuid() });

/** What the version would have decided on the last 30 days, next to what is live. Reads only. */
export const backtestAction = protectedAction<typeof versionSchema, Backtest>(["admin"], versionSchema, async ({ versionId }, { services }) => {
  const live = await liveRuleset(services.db.$client);
  const candidate = await candidateWithVersion(services.db.$client, live, versionId);
  return { data: await backtest(services.db, candidate, live) };
});

export const activateRuleVersionAction = protectedAction(["admin"], versionSchema.extend({ ruleId: z.uuid() }), async ({ versionId, ruleId }, { actor, services }) => {
  const rulesetId = await activateRuleVersion(services.db, actor, versionId);
  revalidatePath("/screening");
  revalidatePath(`/screening/rules/${ruleId}`);
  return { success: `Live from now on, in rule set ${rulesetId}.` };
});

export const deactivateRuleAction = protectedAction(["admin"], z.object({ ruleId: z.uuid() }), async ({ ruleId }, { actor, services }) => {
  const rulesetId = await deactivateRule(services.db, actor, ruleId);
  revalidatePath("/screening");
  revalidatePath(`/screening/rules/${ruleId}`);
  return { success: `Deactivated: no version of it is live in rule set ${rulesetId}.` };
});

/** One entry a line, as staff paste them. */
const entryLines = z.string().transform((text) => text.split(/\r?\n/));

export const createListAction = protectedAction(
  ["admin"],
  listInputSchema.extend({ entries: entryLines }),
  async (input, { actor, services }): Promise<ActionState> => {
    const { listId } = await createList(services.db, actor, input);
    revalidatePath("/screening");
    redirect(`/screening/lists/${listId}?created=1`);
  },
);

export const updateListEntriesAction = protectedAction(["admin"], z.object({ listId: z.uuid(), entries: entryLines }), async ({ listId, entries }, { actor, services }) => {
  const { version } = await updateListEntries(services.db, actor, listId, entries);
  revalidatePath(`/screening/lists/${listId}`);
  revalidatePath("/screening");
  return { success: `Version ${version} saved and in force.` };
});

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { protectedAction } from "@/app/_server/action";
import { staffRoles } from "@/lib/auth/session";
import { addCaseNote, analysisCaseInputSchema, assignCase, closeCase, noteSchema, openCaseFromAnalysis } from "@/lib/screening/cases";
import { decideCase } from "@/lib/screening/decide";

// Both staff roles work the queue: a held customer's money can't wait for an admin.

const caseId = z.uuid("No such case.");

const assignSchema = z.object({ caseId, assigneeId: z.union([z.uuid(), z.literal("")]).transform((id) => id || null) });

export const assignCaseAction = protectedAction(staffRoles, assignSchema, async ({ caseId, assigneeId }, { actor, services }) => {
  await assignCase(services.db, actor, caseId, assigneeId);
  revalidatePath("/cases", "layout");
  return { success: assigneeId ? "Assigned." : "Unassigned: the case is nobody's." };
});

export const addCaseNoteAction = protectedAction(staffRoles, z.object({ caseId, body: noteSchema }), async ({ caseId, body }, { actor, services }) => {
  const note = await addCaseNote(services.db, actor, caseId, body);
  revalidatePath("/cases", "layout");
  return { success: "Note added.", data: note.id };
});

const decisionSchema = z.discriminatedUnion("decision", [
  z.object({ caseId, decision: z.literal("release"), note: z.string().trim().max(2000, "At most 2,000 characters.") }),
  z.object({ caseId, decision: z.literal("reject"), note: noteSchema }),
]);

export const decideCaseAction = protectedAction(staffRoles, decisionSchema, async ({ caseId, decision, note }, { actor, services }) => {
  const decided = await decideCase(services.db, actor, caseId, decision, note, services.config.WITHDRAWAL_HOLD_MINUTES);
  revalidatePath("/cases", "layout");
  if (decision === "reject") return { success: "Rejected: the hold is released back to the sender." };
  return { success: decided.kind === "transfer" ? "Released: the transfer is completed at the quoted rate and fee." : "Released: the withdrawal goes on to the payment provider." };
});

export const closeCaseAction = protectedAction(staffRoles, z.object({ caseId, note: noteSchema }), async ({ caseId, note }, { actor, services }) => {
  await closeCase(services.db, actor, caseId, note);
  revalidatePath("/cases", "layout");
  return { success: "Closed." };
});

/** From a suspicious account or branch of the analysis: opens its case (or finds the open one) and shows it. */
export const openAnalysisCaseAction = protectedAction(staffRoles, analysisCaseInputSchema, async (input, { actor, services }) => {
  const { id } = await openCaseFromAnalysis(services.db, actor, input);
  revalidatePath("/cases", "layout");
  redirect(`/cases/${id}`);
});

import { z } from "zod";
import type { Database } from "@/db/client";
import { auditOn, type Actor } from "@/lib/audit";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import type { Queryable } from "@/lib/ledger/db";
import { inTransaction } from "@/lib/ledger/transaction";
import { conditionsSchema } from "./conditions";

// Rules and lists as staff edit them. Nothing written here is ever changed: an edit is a new
// version, and what is live is a new screening_rulesets row, so every decision names its versions.

export const ruleInputSchema = z.object({
  name: z.string().trim().min(1, "Name the rule.").max(120),
  outcome: z.enum(["allow", "review", "block"]),
  conditions: conditionsSchema,
});
export type RuleInput = z.input<typeof ruleInputSchema>;

export const listInputSchema = z.object({
  name: z.string().trim().min(1, "Name the list.").max(120),
  kind: z.enum(["deny", "allow"]),
  entryKind: z.enum(["account", "email", "document"]),
  entries: z.array(z.string()).max(100_000),
});

/** A list entry as screening compares it: emails in lower case, account numbers and CPFs as digits. */
export function normalizeEntry(entryKind: "account" | "email" | "document", text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (entryKind === "email") return trimmed.toLowerCase();
  const digits = trimmed.replace(/[.\-/\s]/g, "");
  return /^\d{1,20}$/.test(digits) ? digits : null;
}

type Staff = Actor & { id: string };

/**
 * Writes the rule set that replaces the one in force, made by `change` from the live version ids,
 * under a lock so that two edits at once don't drop one another.
 */
async function replaceRuleset(tx: Queryable, actor: Staff, change: (live: { rules: string[]; lists: string[] }) => { rules: string[]; lists: string[] }) {
  await tx`select pg_advisory_xact_lock(hashtext('screening_rulesets'))`;
  const [current] = await tx`select rule_version_ids, list_version_ids from screening_rulesets order by id desc limit 1`;
  const next = change({ rules: current?.rule_version_ids ?? [], lists: current?.list_version_ids ?? [] });
  const [row] = await tx`
    insert into screening_rulesets (rule_version_ids, list_version_ids, created_by)
    values (${next.rules}::text[]::uuid[], ${next.lists}::text[]::uuid[], ${actor.id}) returning id`;
  return row.id as number;
}

/** A new rule, its first version written but not live until activated (after a backtest). */
export async function createRule(db: Database, actor: Staff, input: RuleInput): Promise<{ ruleId: string; versionId: string }> {
  const rule = ruleInputSchema.parse(input);
  return db.$client.begin(async (tx) => {
    const [created] = await tx`insert into screening_rules (name, created_by) values (${rule.name}, ${actor.id}) returning id`;
    const [version] = await tx`
      insert into screening_rule_versions (rule_id, version, conditions, outcome, created_by)
      values (${created.id}, 1, ${JSON.stringify(rule.conditions)}::jsonb, ${rule.outcome}, ${actor.id}) returning id`;
    await auditOn(tx, db, { actor, action: "screening_rule.created", targetType: "screening_rule", targetId: created.id, details: { ...rule } });
    return { ruleId: created.id, versionId: version.id };
  });
}

/** The rule's next version, not live until activated. */
export async function addRuleVersion(db: Database, actor: Staff, ruleId: string, input: RuleInput): Promise<{ versionId: string; version: number }> {
  const rule = ruleInputSchema.parse(input);
  if (!isUuid(ruleId)) throw new DomainError("NOT_FOUND", "No such rule.");
  return db.$client.begin(async (tx) => {
    const [found] = await tx`select id from screening_rules where id = ${ruleId} for update`;
    if (!found) throw new DomainError("NOT_FOUND", "No such rule.");
    await tx`update screening_rules set name = ${rule.name} where id = ${ruleId}`;
    const [version] = await tx`
      insert into screening_rule_versions (rule_id, version, conditions, outcome, created_by)
      select ${ruleId}, coalesce(max(version), 0) + 1, ${JSON.stringify(rule.conditions)}::jsonb, ${rule.outcome}, ${actor.id}
      from screening_rule_versions where rule_id = ${ruleId}
      returning id, version`;
    await auditOn(tx, db, { actor, action: "screening_rule.versioned", targetType: "screening_rule", targetId: ruleId, details: { version: version.version, ...rule } });
    return { versionId: version.id, version: version.version };
  });
}

/** Puts a rule version live, in place of any other version of its rule. Returns the new rule set's id. */
export async function activateRuleVersion(db: Database, actor: Staff, versionId: string): Promise<number> {
  if (!isUuid(versionId)) throw new DomainError("NOT_FOUND", "No such rule version.");
  return inTransaction(db.$client, async (tx) => {
    const [version] = await tx`select id, rule_id, version from screening_rule_versions where id = ${versionId}`;
    if (!version) throw new DomainError("NOT_FOUND", "No such rule version.");
    const siblings = (await tx`select id from screening_rule_versions where rule_id = ${version.rule_id}`).map((row) => row.id as string);
    const id = await replaceRuleset(tx, actor, (live) => ({ ...live, rules: [...live.rules.filter((live) => !siblings.includes(live)), versionId] }));
    await auditOn(tx, db, { actor, action: "screening_rule.activated", targetType: "screening_rule", targetId: version.rule_id, details: { version: version.version, rulesetId: id } });
    return id;
  });
}

/** Takes a rule off: none of its versions is live any more. */
export async function deactivateRule(db: Database, actor: Staff, ruleId: string): Promise<number> {
  if (!isUuid(ruleId)) throw new DomainError("NOT_FOUND", "No such rule.");
  return inTransaction(db.$client, async (tx) => {
    const versions = (await tx`select id from screening_rule_versions where rule_id = ${ruleId}`).map((row) => row.id as string);
    if (versions.length === 0) throw new DomainError("NOT_FOUND", "No such rule.");
    const id = await replaceRuleset(tx, actor, (live) => ({ ...live, rules: live.rules.filter((live) => !versions.includes(live)) }));
    await auditOn(tx, db, { actor, action: "screening_rule.deactivated", targetType: "screening_rule", targetId: ruleId, details: { rulesetId: id } });
    return id;
  });
}

/** A new list, in force at once; entries that aren't valid for its kind are refused, listed. */
export async function createList(db: Database, actor: Staff, input: z.input<typeof listInputSchema>): Promise<{ listId: string; versionId: string }> {
  const list = listInputSchema.parse(input);
  const entries = normalizedEntries(list.entryKind, list.entries);
  return inTransaction(db.$client, async (tx) => {
    const [created] = await tx`
      insert into screening_lists (name, kind, entry_kind, created_by) values (${list.name}, ${list.kind}, ${list.entryKind}, ${actor.id}) returning id`;
    const [version] = await tx`
      insert into screening_list_versions (list_id, version, entries, created_by) values (${created.id}, 1, ${entries}::text[], ${actor.id}) returning id`;
    await replaceRuleset(tx, actor, (live) => ({ ...live, lists: [...live.lists, version.id] }));
    await auditOn(tx, db, { actor, action: "screening_list.created", targetType: "screening_list", targetId: created.id, details: { name: list.name, kind: list.kind, entryKind: list.entryKind, entries: entries.length } });
    return { listId: created.id, versionId: version.id };
  });
}

/** The list's entries replaced: a new version, in force at once. */
export async function updateListEntries(db: Database, actor: Staff, listId: string, texts: string[]): Promise<{ versionId: string; version: number }> {
  if (!isUuid(listId)) throw new DomainError("NOT_FOUND", "No such list.");
  return inTransaction(db.$client, async (tx) => {
    const [list] = await tx`select id, entry_kind from screening_lists where id = ${listId} for update`;
    if (!list) throw new DomainError("NOT_FOUND", "No such list.");
    const entries = normalizedEntries(list.entry_kind, texts);
    const [version] = await tx`
      insert into screening_list_versions (list_id, version, entries, created_by)
      select ${listId}, coalesce(max(version), 0) + 1, ${entries}::text[], ${actor.id} from screening_list_versions where list_id = ${listId}
      returning id, version`;
    const older = (await tx`select id from screening_list_versions where list_id = ${listId} and id <> ${version.id}`).map((row) => row.id as string);
    await replaceRuleset(tx, actor, (live) => ({ ...live, lists: [...live.lists.filter((live) => !older.includes(live)), version.id] }));
    await auditOn(tx, db, { actor, action: "screening_list.versioned", targetType: "screening_list", targetId: listId, details: { version: version.version, entries: entries.length } });
    return { versionId: version.id, version: version.version };
  });
}

function normalizedEntries(entryKind: "account" | "email" | "document", texts: string[]): string[] {
  const entries = new Set<string>();
  const bad: string[] = [];
  for (const text of texts) {
    if (text.trim() === "") continue;
    const entry = normalizeEntry(entryKind, text);
    if (entry === null) bad.push(text.trim());
    else entries.add(entry);
  }
  if (bad.length > 0) throw new DomainError("VALIDATION_FAILED", `Not valid ${entryKind} entries: ${bad.slice(0, 5).join(", ")}${bad.length > 5 ? "…" : ""}.`, "entries");
  return [...entries];
}

import type { Database } from "@/db/client";
import type { ScreeningOutcome } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { conditionsSchema, type Condition } from "./conditions";

// What staff read of rules and lists: each with the version live in the newest rule set, and their history.

export type RuleVersion = { id: string; version: number; outcome: ScreeningOutcome; conditions: Condition[]; createdAt: Date; createdBy: string | null; live: boolean };
export type RuleSummary = { id: string; name: string; createdAt: Date; live: RuleVersion | null; latest: RuleVersion };
export type ListKind = "deny" | "allow";
export type ListEntryKind = "account" | "email" | "document";
export type ListSummary = { id: string; name: string; kind: ListKind; entryKind: ListEntryKind; version: number; versionId: string; entryCount: number; changedAt: Date; changedBy: string | null };
export type ListVersion = { id: string; version: number; entries: string[]; createdAt: Date; createdBy: string | null };

const versionOf = (row: Record<string, unknown>, prefix: string, live: boolean): RuleVersion => ({
  id: row[`${prefix}_id`] as string,
  version: row[`${prefix}_version`] as number,
  outcome: row[`${prefix}_outcome`] as ScreeningOutcome,
  conditions: conditionsSchema.parse(row[`${prefix}_conditions`]),
  createdAt: new Date(row[`${prefix}_at`] as string),
  createdBy: row[`${prefix}_by`] as string | null,
  live,
});

/** The id of the rule set in force, or null when none was ever written. */
export async function liveRulesetId(db: Database): Promise<number | null> {
  const [row] = await db.$client`select max(id) as id from screening_rulesets`;
  return row.id;
}

/** Every rule with its live version (none when inactive) and its newest one, oldest rule first. */
export async function listRules(db: Database): Promise<RuleSummary[]> {
  const rows = await db.$client`
    with live as (select coalesce((select rule_version_ids from screening_rulesets order by id desc limit 1), '{}') as ids)
    select r.id, r.name, r.created_at,
      l.id as live_id, l.version as live_version, l.outcome as live_outcome, l.conditions as live_conditions, l.created_at as live_at, lu.name as live_by,
      n.id as latest_id, n.version as latest_version, n.outcome as latest_outcome, n.conditions as latest_conditions, n.created_at as latest_at, nu.name as latest_by
    from screening_rules r cross join live
      left join screening_rule_versions l on l.rule_id = r.id and l.id = any(live.ids)
      left join users lu on lu.id = l.created_by
      join lateral (select * from screening_rule_versions v where v.rule_id = r.id order by v.version desc limit 1) n on true
      left join users nu on nu.id = n.created_by
    order by r.created_at, r.id`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: new Date(row.created_at),
    live: row.live_id ? versionOf(row, "live", true) : null,
    latest: versionOf(row, "latest", row.latest_id === row.live_id),
  }));
}

/** One rule with all its versions, newest first: who wrote each, when, and which is live. */
export async function getRule(db: Database, ruleId: string): Promise<{ id: string; name: string; createdAt: Date; versions: RuleVersion[] }> {
  if (!isUuid(ruleId)) throw new DomainError("NOT_FOUND", "No such rule.");
  const [rule] = await db.$client`select id, name, created_at from screening_rules where id = ${ruleId}`;
  if (!rule) throw new DomainError("NOT_FOUND", "No such rule.");
  const rows = await db.$client`
    with live as (select coalesce((select rule_version_ids from screening_rulesets order by id desc limit 1), '{}') as ids)
    select v.id as v_id, v.version as v_version, v.outcome as v_outcome, v.conditions as v_conditions, v.created_at as v_at, u.name as v_by, v.id = any(live.ids) as live
    from screening_rule_versions v cross join live left join users u on u.id = v.created_by
    where v.rule_id = ${ruleId} order by v.version desc`;
  return { id: rule.id, name: rule.name, createdAt: new Date(rule.created_at), versions: rows.map((row) => versionOf(row, "v", row.live)) };
}

const listSummaryOf = (row: Record<string, unknown>): ListSummary => ({
  id: row.id as string,
  name: row.name as string,
  kind: row.kind as ListKind,
  entryKind: row.entry_kind as ListEntryKind,
  version: row.version as number,
  versionId: row.version_id as string,
  entryCount: row.entry_count as number,
  changedAt: new Date(row.changed_at as string),
  changedBy: row.changed_by as string | null,
});

const listColumns = (db: Database) => db.$client`
  l.id, l.name, l.kind, l.entry_kind, v.id as version_id, v.version, cardinality(v.entries) as entry_count, v.created_at as changed_at, u.name as changed_by
  from screening_lists l
    join lateral (select * from screening_list_versions v where v.list_id = l.id order by v.version desc limit 1) v on true
    left join users u on u.id = v.created_by`;

/** Every list with its version in force (a list's newest version is always the one in force). */
export async function listLists(db: Database): Promise<ListSummary[]> {
  const rows = await db.$client`select ${listColumns(db)} order by l.name, l.id`;
  return rows.map(listSummaryOf);
}

/** One list, its entries in force and its versions, newest first. */
export async function getList(db: Database, listId: string): Promise<ListSummary & { entries: string[]; versions: ListVersion[] }> {
  if (!isUuid(listId)) throw new DomainError("NOT_FOUND", "No such list.");
  const [row] = await db.$client`select ${listColumns(db)} where l.id = ${listId}`;
  if (!row) throw new DomainError("NOT_FOUND", "No such list.");
  const versions = await db.$client`
    select v.id, v.version, v.entries, v.created_at, u.name as created_by
    from screening_list_versions v left join users u on u.id = v.created_by where v.list_id = ${listId} order by v.version desc`;
  return {
    ...listSummaryOf(row),
    entries: versions[0].entries,
    versions: versions.map((version) => ({ id: version.id, version: version.version, entries: version.entries, createdAt: new Date(version.created_at), createdBy: version.created_by })),
  };
}

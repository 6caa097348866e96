"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/app/_server/action";
import { buttonClass, FormMessage, SelectField, TextField } from "@/components/form";
import type { Condition, ConditionType } from "@/lib/screening/conditions";

// The rule form with its condition builder: each condition's fields as its type needs them,
// sent as one JSON field that the server validates (its errors come back by field).

export type ListChoice = { id: string; name: string; kind: "deny" | "allow"; entryKind: string };
/** A condition as edited: its fields as typed, checked by the server's schema on saving. */
type Draft = { type: ConditionType } & Record<string, string | boolean>;

const typeLabels: Record<ConditionType, string> = {
  amount_at_least: "Amount at or above",
  velocity: "Number of sender's movements in a window",
  velocity_sum: "Sum of sender's movements in a window",
  first_to_recipient: "First transfer to this recipient",
  structuring: "Structuring: transfers just under a threshold",
  on_list: "Party on a list",
  not_on_list: "Party not on a list",
  account_age_under: "Account younger than",
  cross_currency_at_least: "Across currencies, at or above",
};

function draftOf(type: ConditionType, lists: ListChoice[]): Draft {
  switch (type) {
    case "amount_at_least":
      return { type, amount: "", currency: "BRL", convert: false };
    case "velocity":
      return { type, windowMinutes: "60", measure: "count", atLeast: "10" };
    case "velocity_sum":
    case "cross_currency_at_least":
      return type === "velocity_sum" ? { type, windowMinutes: "60", amount: "", currency: "BRL" } : { type, amount: "", currency: "BRL" };
    case "first_to_recipient":
      return { type };
    case "structuring":
      return { type, windowMinutes: "1440", count: "3", percentBelow: "10", amount: "", currency: "BRL" };
    case "on_list":
    case "not_on_list":
      return { type, listId: lists[0]?.id ?? "", party: "recipient" };
    case "account_age_under":
      return { type, days: "30", party: "sender" };
  }
}

const asDraft = (condition: Condition): Draft => Object.fromEntries(Object.entries(condition).map(([key, value]) => [key, typeof value === "number" ? String(value) : value])) as Draft;

type Props = {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  lists: ListChoice[];
  currencies: readonly string[];
  initial?: { ruleId: string; name: string; outcome: string; conditions: Condition[] };
  submitLabel: string;
};

export function RuleForm({ action, lists, currencies, initial, submitLabel }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const [drafts, setDrafts] = useState<Draft[]>(() => (initial ? initial.conditions.map(asDraft) : [draftOf("amount_at_least", lists)]));
  const [adding, setAdding] = useState<ConditionType>("velocity");
  const errors = (path: string) => state.fieldErrors?.[path];
  const values = state.values ?? { name: initial?.name ?? "", outcome: initial?.outcome ?? "review" };
  const change = (index: number, field: string, value: string | boolean) => setDrafts((all) => all.map((draft, i) => (i === index ? { ...draft, [field]: value } : draft)));
  const currencyOptions = currencies.map((code) => ({ value: code, label: code }));
  const partyOptions = [
    { value: "sender", label: "Sender" },
    { value: "recipient", label: "Recipient" },
  ];

  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage error={state.error} success={state.success} />
      {initial && <input type="hidden" name="ruleId" value={initial.ruleId} />}
      <input type="hidden" name="conditions" value={JSON.stringify(drafts)} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Name" name="name" required defaultValue={values.name} errors={errors("name")} />
        <SelectField
          label="Outcome"
          name="outcome"
          defaultValue={values.outcome}
          errors={errors("outcome")}
          options={[
            { value: "review", label: "Send to review" },
            { value: "block", label: "Block" },
            { value: "allow", label: "Allow (record only)" },
          ]}
        />
      </div>
      <p className="text-sm text-slate-600">The rule matches a movement when all its conditions hold. Amounts are decimals in their currency, like 9999.99.</p>
      {errors("conditions")?.map((error) => (
        <p key={error} className="text-sm text-red-700">
          {error}
        </p>
      ))}
      {drafts.map((draft, i) => {
        const field = (name: string) => ({ id: `condition-${i}-${name}`, name: "", errors: errors(`conditions.${i}.${name}`) });
        const text = (name: string, label: string, props: { inputMode?: "decimal" | "numeric"; placeholder?: string } = {}) => (
          <TextField key={name} label={label} {...field(name)} {...props} value={String(draft[name] ?? "")} onChange={(event) => change(i, name, event.target.value)} />
        );
        const select = (name: string, label: string, options: { value: string; label: string }[]) => (
          <SelectField key={name} label={label} {...field(name)} options={options} value={String(draft[name] ?? "")} onChange={(event) => change(i, name, event.target.value)} />
        );
        const amount = [text("amount", "Amount", { inputMode: "decimal", placeholder: "10000.00" }), select("currency", "Currency", currencyOptions)];
        const window = text("windowMinutes", "Window (minutes)", { inputMode: "numeric" });
        return (
          <fieldset key={i} className="space-y-3 rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-semibold">Condition {i + 1}</legend>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-sm font-medium">{typeLabels[draft.type]}</p>
              <button type="button" className="text-sm text-red-700 hover:underline" onClick={() => setDrafts((all) => all.filter((_, n) => n !== i))}>
                Remove condition {i + 1}
              </button>
            </div>
            {errors(`conditions.${i}`)?.map((error) => (
              <p key={error} className="text-sm text-red-700">
                {error}
              </p>
            ))}
            <div className="grid gap-3 sm:grid-cols-3">
              {draft.type === "amount_at_least" && (
                <>
                  {amount}
                  <label className="flex items-center gap-2 self-end pb-2 text-sm">
                    <input type="checkbox" checked={draft.convert === true} onChange={(event) => change(i, "convert", event.target.checked)} />
                    Convert other currencies
                  </label>
                </>
              )}
              {draft.type === "cross_currency_at_least" && amount}
              {draft.type === "velocity" && [window, text("atLeast", "At least this many (this one included)", { inputMode: "numeric" })]}
              {draft.type === "velocity_sum" && [window, ...amount]}
              {draft.type === "structuring" && [
                window,
                text("count", "Transfers (this one included)", { inputMode: "numeric" }),
                text("percentBelow", "Within % below", { inputMode: "numeric" }),
                ...amount,
              ]}
              {(draft.type === "on_list" || draft.type === "not_on_list") && [
                lists.length === 0 ? (
                  <p key="none" className={`text-sm ${errors(`conditions.${i}.listId`) ? "text-red-700" : "text-slate-600"}`}>
                    No lists yet: create one on the Screening page first.
                  </p>
                ) : (
                  select("listId", "List", lists.map((list) => ({ value: list.id, label: `${list.name} (${list.kind}, ${list.entryKind})` })))
                ),
                select("party", "Party", partyOptions),
              ]}
              {draft.type === "account_age_under" && [text("days", "Days", { inputMode: "numeric" }), select("party", "Party", partyOptions)]}
            </div>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap items-end gap-2">
        <div className="w-72">
          <SelectField
            label="Condition to add"
            name=""
            id="condition-to-add"
            value={adding}
            onChange={(event) => setAdding(event.target.value as ConditionType)}
            options={Object.entries(typeLabels).map(([value, label]) => ({ value, label }))}
          />
        </div>
        <button type="button" className={buttonClass("secondary")} onClick={() => setDrafts((all) => [...all, draftOf(adding, lists)])}>
          Add condition
        </button>
      </div>
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}

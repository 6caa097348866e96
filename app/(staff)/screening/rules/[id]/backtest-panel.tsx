"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage } from "@/components/form";
import { TableHead } from "@/components/table-head";
import type { ScreeningOutcome } from "@/db/schema";
import type { BacktestRun } from "@/lib/screening/backtest";
import { formatStaffTime } from "@/lib/time";
import { activateRuleVersionAction, backtestAction } from "../../actions";
import { outcomeLabels } from "../../badges";

const outcomes: ScreeningOutcome[] = ["allow", "review", "block"];

/** Backtest a version; only once its result is on screen can it be activated. */
export function BacktestPanel({ ruleId, versionId, version, timeZone }: { ruleId: string; versionId: string; version: number; timeZone: string }) {
  const [tested, runBacktest, testing] = useActionState(backtestAction, {});
  const [activated, activate, activating] = useActionState(activateRuleVersionAction, {});
  const result = tested.data;
  return (
    <div className="space-y-3">
      <FormMessage error={tested.error ?? activated.error} success={activated.success} />
      {!activated.success && (
        <form action={runBacktest}>
          <input type="hidden" name="versionId" value={versionId} />
          <button type="submit" disabled={testing} className={buttonClass("secondary")}>
            {testing ? "Running the backtest…" : `Backtest version ${version}`}
          </button>
        </form>
      )}
      {result && (
        <section aria-label={`Backtest of version ${version}`} className="space-y-4 rounded-md border border-slate-200 p-3">
          <p className="text-sm text-slate-700">
            From {formatStaffTime(new Date(result.since), timeZone)} to {formatStaffTime(new Date(result.until), timeZone)}: what version {version} would have decided, next to the rules live now.
          </p>
          <RunTable caption="Wallet movements (transfers and withdrawals)" run={result.ledger} timeZone={timeZone} />
          <RunTable caption="Imported bank files" run={result.imports} timeZone={timeZone} />
          {result.imports.notRun.length > 0 && (
            <div className="text-sm text-slate-700">
              <p>Not run on the bank files, as they carry nothing for a condition:</p>
              <ul className="list-disc pl-5">
                {result.imports.notRun.map((rule) => (
                  <li key={rule.ruleId}>
                    {rule.name}: {rule.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {!activated.success && (
            <form action={activate}>
              <input type="hidden" name="versionId" value={versionId} />
              <input type="hidden" name="ruleId" value={ruleId} />
              <button type="submit" disabled={activating} className={buttonClass()}>
                {activating ? "Activating…" : `Activate version ${version}`}
              </button>
            </form>
          )}
        </section>
      )}
    </div>
  );
}

function RunTable({ caption, run, timeZone }: { caption: string; run: BacktestRun; timeZone: string }) {
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold">{caption}</h3>
      {run.movements === 0 ? (
        <p className="text-sm text-slate-600">Nothing in the last 30 days.</p>
      ) : (
        <>
          <table className="text-sm">
            <caption className="sr-only">{caption}: outcomes</caption>
            <TableHead labels={["Outcome", "Live now", "With this version"]} />
            <tbody>
              {outcomes.map((outcome) => (
                <tr key={outcome}>
                  <th scope="row" className="px-3 py-1 text-left font-medium">
                    {outcomeLabels[outcome]}
                  </th>
                  <td className="px-3 py-1">{run.live[outcome]}</td>
                  <td className="px-3 py-1">{run.candidate[outcome]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="text-sm text-slate-700">
            {run.movements} replayed; {run.changed} would be decided differently.
          </p>
          <table className="text-sm">
            <caption className="sr-only">{caption}: matches per rule</caption>
            <TableHead labels={["Rule", "Matches live", "Matches with this version"]} />
            <tbody>
              {run.rules.map((rule) => (
                <tr key={rule.ruleId}>
                  <td className="px-3 py-1">{rule.name}</td>
                  <td className="px-3 py-1">{rule.liveVersion === null ? "Not live" : `${rule.live} (v${rule.liveVersion})`}</td>
                  <td className="px-3 py-1">{rule.candidateVersion === null ? "Not in it" : `${rule.candidate} (v${rule.candidateVersion})`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {run.examples.length > 0 && (
            <details className="text-sm">
              <summary className="cursor-pointer text-brand-700">Examples</summary>
              <ul className="mt-1 list-disc pl-5">
                {run.examples.map((example) => (
                  <li key={example.id}>
                    {formatStaffTime(new Date(example.at), timeZone)}: {example.amount} {example.currency} {example.kind} from {example.sender}
                    {example.recipient ? ` to ${example.recipient}` : ""}: {outcomeLabels[example.live]} now, {outcomeLabels[example.candidate]} with this version
                    {example.matched.length > 0 ? ` (${example.matched.join(", ")})` : ""}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}

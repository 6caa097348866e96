import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { PageHeader } from "@/components/page-header";
import { TableHead } from "@/components/table-head";
import { staffRoles } from "@/lib/auth/session";
import { formatMoney } from "@/lib/money";
import { caseAssignees, getCase, type CaseDetail, type Profile } from "@/lib/screening/cases";
import { services } from "@/lib/services";
import { formatDate, formatStaffTime } from "@/lib/time";
import { CaseStatusBadge } from "../status-badge";
import { AssignForm, CloseForm, DecisionForm, NoteForm } from "./case-forms";

export const metadata: Metadata = { title: "Case" };

const kindLabels: Record<string, string> = { deposit: "Deposit", withdrawal: "Withdrawal", transfer: "Transfer" };
const statusLabels: Record<string, string> = {
  completed: "Completed",
  pending: "Pending",
  settled: "Settled",
  cancelled: "Cancelled",
  expired: "Expired",
  pending_review: "Under review",
  rejected: "Rejected",
  blocked: "Blocked",
};

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(staffRoles);
  const timeZone = await viewerTimeZone();
  const { config, db } = services();
  const found = await getCase(db, (await params).id, config.REVIEW_HOURS);
  if (!found) notFound();
  const staff = found.status === "open" ? await caseAssignees(db) : [];
  const time = (at: Date) => formatStaffTime(at, timeZone);

  return (
    <>
      <Link href="/cases" className="text-sm text-brand-700 hover:underline">
        ← The queue
      </Link>
      <PageHeader
        title={`Case #${found.number}`}
        description={found.title}
        actions={<CaseStatusBadge status={found.status} escalated={found.escalated} />}
      />
      <dl className="mb-6 grid grid-cols-2 gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-4">
        <Term label="Opened">
          {time(found.openedAt)}
          {found.openedBy ? ` by ${found.openedBy}` : " by screening"}
        </Term>
        <Term label={found.status === "open" ? "Overdue from" : "Was due"}>{time(found.dueAt)}</Term>
        <Term label="Assignee">{found.assignee?.name ?? "Nobody"}</Term>
        <Term label="Decision">
          {found.decided ? `${found.decided.by ?? "—"}, ${time(found.decided.at)}${found.decided.note ? `: ${found.decided.note}` : ""}` : "Not decided"}
        </Term>
      </dl>
      {found.escalated && (
        <p role="status" className="mb-6 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Overdue: open for more than {config.REVIEW_HOURS} hours.
        </p>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {found.movement ? <MovementSection found={found} time={time} /> : <AnalysisSection subject={found.subject} />}
          {found.movement && (
            <div className="grid gap-6 md:grid-cols-2">
              <ProfileCard heading="Sender" profile={found.sender} timeZone={timeZone} />
              <ProfileCard heading="Recipient" profile={found.recipient} timeZone={timeZone} />
            </div>
          )}
          {found.sender && <RecentMovements found={found} time={time} />}
          <Section id="notes-heading" title="Notes">
            {found.notes.length === 0 ? (
              <p className="mb-3 text-sm text-slate-600">No notes yet: write what you checked, for whoever decides.</p>
            ) : (
              <ol className="mb-4 space-y-3">
                {found.notes.map((note) => (
                  <li key={note.id} className="rounded border border-slate-200 p-3 text-sm">
                    <p className="text-xs text-slate-500">
                      {note.author}, {time(note.at)}
                    </p>
                    <p className="whitespace-pre-wrap">{note.body}</p>
                  </li>
                ))}
              </ol>
            )}
            <NoteForm caseId={found.id} />
          </Section>
          <Section id="audit-heading" title="Audit trail">
            {found.audit.length === 0 ? (
              <p className="text-sm text-slate-600">Nothing recorded on this case yet.</p>
            ) : (
              <ol className="space-y-1 text-sm">
                {found.audit.map((event) => (
                  <li key={event.id}>
                    <span className="text-slate-500">{time(event.at)}</span> · <span className="font-mono">{event.action}</span> by {event.actor}
                  </li>
                ))}
              </ol>
            )}
          </Section>
        </div>

        {found.status === "open" && (
          <div className="space-y-6">
            <Section id="assign-heading" title="Assign">
              <AssignForm caseId={found.id} viewerId={user.id} assigneeId={found.assignee?.id ?? null} staff={staff} />
            </Section>
            {found.movement?.status === "pending_review" ? (
              <>
                <Section id="release-heading" title="Release">
                  <p className="mb-2 text-sm text-slate-600">
                    {found.movement.kind === "transfer"
                      ? "The transfer completes at the rate and fee it was quoted; the recipient gets the money."
                      : "The withdrawal goes on to the payment provider."}
                  </p>
                  <DecisionForm caseId={found.id} decision="release" />
                </Section>
                <Section id="reject-heading" title="Reject">
                  <p className="mb-2 text-sm text-slate-600">Nothing moves: the held money is available to the sender again.</p>
                  <DecisionForm caseId={found.id} decision="reject" />
                </Section>
              </>
            ) : (
              <Section id="close-heading" title="Close">
                <p className="mb-2 text-sm text-slate-600">No movement waits on this case: close it with what was found.</p>
                <CloseForm caseId={found.id} />
              </Section>
            )}
          </div>
        )}
      </div>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={id} className="mb-3 font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Term({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function MovementSection({ found, time }: { found: CaseDetail; time: (at: Date) => string }) {
  const movement = found.movement!;
  const matched = movement.screening?.matched ?? [];
  return (
    <Section id="movement-heading" title={`${kindLabels[movement.kind]} held by screening`}>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
        <Term label="Asked">{time(movement.at)}</Term>
        <Term label="Status">{statusLabels[movement.status] ?? movement.status}</Term>
        <Term label="Debited">
          <span className="font-mono tabular-nums">{formatMoney(movement.debited.amount, movement.debited.currency)}</span>
        </Term>
        <Term label="Fee">
          <span className="font-mono tabular-nums">{formatMoney(movement.fee.amount, movement.fee.currency)}</span>
        </Term>
        {movement.kind === "transfer" && (
          <Term label="Credited">
            <span className="font-mono tabular-nums">{formatMoney(movement.credited.amount, movement.credited.currency)}</span>
          </Term>
        )}
        <Term label="Rate quoted">{movement.rate ? `1 ${movement.rate.base} = ${movement.rate.value} ${movement.rate.quote}` : "Same currency"}</Term>
      </dl>
      <h3 className="mt-4 mb-2 text-sm font-semibold text-slate-700">Rules matched{movement.screening ? ` (rule set ${movement.screening.rulesetId})` : ""}</h3>
      {matched.length === 0 ? (
        <p className="text-sm text-slate-600">No rule recorded.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {matched.map((rule) => (
            <li key={rule.versionId} className="rounded border border-slate-200 p-2">
              <p className="font-medium">
                {rule.name} <span className="font-normal text-slate-500">v{rule.version} · {rule.outcome}</span>
              </p>
              <dl className="mt-1 flex flex-wrap gap-x-4 text-slate-700">
                {Object.entries(rule.figures).map(([name, value]) => (
                  <div key={name} className="flex gap-1">
                    <dt className="text-slate-500">{name}</dt>
                    <dd className="font-mono">{value}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function AnalysisSection({ subject }: { subject: Record<string, string> | null }) {
  return (
    <Section id="subject-heading" title="Flagged in the analysis">
      {subject ? (
        <>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
            {Object.entries(subject).map(([name, value]) => (
              <Term key={name} label={name}>
                <span className="font-mono">{value}</span>
              </Term>
            ))}
          </dl>
          <Link href={`/analysis?month=${subject.month}`} className="mt-3 inline-block text-sm text-brand-700 hover:underline">
            Open the analysis of {subject.month}
          </Link>
        </>
      ) : (
        <p className="text-sm text-slate-600">This case holds no movement.</p>
      )}
    </Section>
  );
}

function ProfileCard({ heading, profile, timeZone }: { heading: string; profile: Profile | null; timeZone: string }) {
  return (
    <Section id={`${heading.toLowerCase()}-heading`} title={heading}>
      {profile ? (
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
          <Term label="Name">
            <Link href={`/customers/${profile.id}`} className="font-medium text-brand-700 hover:underline">
              {profile.name}
            </Link>
          </Term>
          <Term label="Email">
            <span className="[overflow-wrap:anywhere]">{profile.email}</span>
          </Term>
          <Term label="Account">
            <span className="font-mono">{profile.accountNumber}</span> ({profile.currency})
          </Term>
          <Term label="Opened">{formatDate(profile.walletOpenedAt, timeZone)}</Term>
          <Term label="Balance">
            <span className="font-mono tabular-nums">{formatMoney(profile.balance, profile.currency)}</span>
          </Term>
          <Term label="Available">
            <span className="font-mono tabular-nums">{formatMoney(profile.available, profile.currency)}</span>
          </Term>
        </dl>
      ) : (
        <p className="text-sm text-slate-600">None: a withdrawal leaves for the customer&apos;s bank.</p>
      )}
    </Section>
  );
}

function RecentMovements({ found, time }: { found: CaseDetail; time: (at: Date) => string }) {
  return (
    <Section id="recent-heading" title={`${found.sender!.name}'s recent movements`}>
      <div className="overflow-x-auto rounded border border-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">The sender wallet&apos;s last movements, newest first</caption>
          <TableHead labels={["Time", "Kind", "Counterparty", "Status", "Amount"]} />
          <tbody className="divide-y divide-slate-100">
            {found.recentMovements.map((line) => (
              <tr key={line.id} className={line.id === found.movement?.id ? "bg-amber-50" : undefined}>
                <td className="px-3 py-2 whitespace-nowrap">{time(line.at)}</td>
                <td className="px-3 py-2">{kindLabels[line.kind] ?? line.kind}</td>
                <td className="px-3 py-2">{line.counterparty ? `${line.counterparty.name} (${line.counterparty.accountNumber})` : "—"}</td>
                <td className="px-3 py-2">{statusLabels[line.status] ?? line.status}</td>
                <td className={`px-3 py-2 text-right font-mono whitespace-nowrap tabular-nums ${line.direction === "out" ? "text-red-700" : "text-emerald-700"}`}>
                  {line.direction === "out" ? "−" : "+"}
                  {formatMoney(line.amount.amount, line.amount.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

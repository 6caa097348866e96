import type { Metadata } from "next";
import { z } from "zod";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { FilterBar, FilterSelect } from "@/components/filter-bar";
import { PageHeader } from "@/components/page-header";
import { parsePage } from "@/lib/paging";
import { services } from "@/lib/services";
import { formatStaffTime } from "@/lib/time";
import { deliveryFilters, listWebhookDeliveries, webhookMaxAttempts, type WebhookDelivery } from "@/lib/webhooks";
import { WebhooksTable, type DeliveryRow } from "./webhooks-table";

export const metadata: Metadata = { title: "Webhooks" };

const filterSchema = z.object({ state: z.enum(deliveryFilters).optional().catch(undefined) });

const filterLabels: Record<(typeof deliveryFilters)[number], string> = {
  delivered: "Delivered",
  failing: "Failing (retrying or given up)",
  waiting: "Not tried yet",
};

function stateDetail(delivery: WebhookDelivery, timeZone: string): string {
  if (delivery.state === "retrying" && delivery.nextAttemptAt) return `Next try ${formatStaffTime(delivery.nextAttemptAt, timeZone, { seconds: true })}`;
  if (delivery.state === "given up") return `No more tries after ${webhookMaxAttempts}`;
  if (delivery.state === "not configured") return "WEBHOOK_URL is unset";
  return "";
}

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requireUser(["admin"]);
  const timeZone = await viewerTimeZone();
  const params = await searchParams;
  const filter = filterSchema.parse(params);
  const page = parsePage(params);
  const { db, config } = services();
  const configured = Boolean(config.WEBHOOK_URL && config.WEBHOOK_SECRET);
  const { rows, total } = await listWebhookDeliveries(db, { state: filter.state, configured }, page);

  const shown: DeliveryRow[] = rows.map((delivery) => ({
    id: delivery.id,
    event: delivery.event,
    movement: delivery.transferId
      ? {
          kind: delivery.movement ?? "movement",
          amount: delivery.amount ? `${delivery.amount} ${delivery.currency}` : "",
          transferId: delivery.transferId,
          sender: delivery.sender ? { href: `/customers/${delivery.sender.id}?wallet=${delivery.sender.walletId}`, name: delivery.sender.name } : null,
        }
      : null,
    createdAt: delivery.createdAt.toISOString(),
    shownCreatedAt: formatStaffTime(delivery.createdAt, timeZone, { seconds: true }),
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    shownLastAttemptAt: delivery.lastAttemptAt ? formatStaffTime(delivery.lastAttemptAt, timeZone, { seconds: true }) : null,
    attempts: delivery.attempts,
    state: delivery.state,
    stateDetail: stateDetail(delivery, timeZone),
    // A refusal's error names its status already; an accepted delivery has only the status.
    answer: delivery.lastError ?? (delivery.lastStatus === null ? "" : `HTTP ${delivery.lastStatus}`),
  }));

  return (
    <>
      <PageHeader
        title="Webhooks"
        description={
          configured
            ? `Every screening decision (held, blocked, released, rejected) as posted to the platform at ${new URL(config.WEBHOOK_URL!).host}, signed; a refused one is retried from 5 seconds up to hourly, and given up after ${webhookMaxAttempts} tries (about three days).`
            : config.WEBHOOK_URL
              ? "WEBHOOK_SECRET is unset, so nothing is sent: the decisions are kept here. Set it (24+ characters) with WEBHOOK_URL to have them posted, signed."
              : "WEBHOOK_URL is unset, so nothing is sent: the decisions are kept here. Set WEBHOOK_URL and WEBHOOK_SECRET to have them posted to the platform, signed."
        }
      />
      <FilterBar action="/webhooks" clearHref="/webhooks">
        <FilterSelect label="Status" name="state" defaultValue={filter.state} options={deliveryFilters.map((value) => ({ value, label: filterLabels[value] }))} />
      </FilterBar>
      <WebhooksTable
        rows={shown}
        total={total}
        page={page.index + 1}
        size={page.size}
        emptyMessage={
          filter.state
            ? "No delivery matches this filter."
            : configured
              ? "No decisions yet: a movement screening holds, blocks, releases or rejects appears here."
              : "No decisions yet. WEBHOOK_URL is unset, so when screening holds, blocks, releases or rejects a movement it is kept here, not sent."
        }
      />
    </>
  );
}

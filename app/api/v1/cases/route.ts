import { apiRoute, reply } from "@/app/_server/api";
import { listCases as listCasesOperation } from "@/lib/api/operations";
import { listPage, pageIndex } from "@/lib/api/paging";
import { listCases } from "@/lib/screening/cases";
import { caseSummaryJson } from "@/lib/screening/json";

export const GET = apiRoute(listCasesOperation, async ({ query, user, services }) => {
  const filter = {
    status: query.status,
    assigneeId: query.assignee === "me" ? user.id : query.assignee,
    escalated: query.escalated === undefined ? undefined : query.escalated === "true",
    page: pageIndex(query),
  };
  const { rows, total } = await listCases(services.db, filter, services.config.REVIEW_HOURS);
  return reply(200, listPage(rows.map(caseSummaryJson), query, total));
});

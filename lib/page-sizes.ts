// Apart from lib/paging.ts, so the table's page-size picker in the browser doesn't pull in zod,
// whose eval probe is reported as a Content-Security-Policy violation.
export const pageSizes = [10, 25, 50, 100] as const;

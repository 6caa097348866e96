// Apart from index.ts, which queries the database: the account page's form shows these in the browser.

/**
 * What a customer is told of, in the wallet's list and, unless they opted out, by email. The
 * ledger's own write (lib/ledger/post.ts) records the first three with the money; payment
 * requests record theirs with the request.
 */
export const notificationKinds = [
  "money_received",
  "withdrawal_settled",
  "withdrawal_cancelled",
  "payment_request_received",
  "payment_request_paid",
  "payment_request_declined",
  "movement_under_review",
  "movement_released",
  "movement_rejected",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** How the account page names each kind, in "Email me when …". */
export const notificationKindLabels: Record<NotificationKind, string> = {
  money_received: "money reaches my wallet",
  withdrawal_settled: "a withdrawal is paid out",
  withdrawal_cancelled: "a withdrawal is cancelled",
  payment_request_received: "someone asks me for money",
  payment_request_paid: "someone pays what I asked for",
  payment_request_declined: "someone declines what I asked for",
  movement_under_review: "a transfer or withdrawal of mine is held for review",
  movement_released: "a held transfer or withdrawal of mine is released",
  movement_rejected: "a held transfer or withdrawal of mine is rejected",
};

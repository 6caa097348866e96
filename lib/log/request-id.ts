export const requestIdHeader = "x-request-id";

// An id from a load balancer or a caller is kept only when it is a plain token: no spaces,
// quotes or control characters to forge or break a log line, and of a sane length.
const saneRequestId = /^[\w.:-]{8,128}$/;

/** The request's id: the incoming one when it is sane, otherwise a fresh one. */
export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && saneRequestId.test(incoming) ? incoming : crypto.randomUUID();
}

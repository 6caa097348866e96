const uuidSyntax = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether text can be cast to a PostgreSQL uuid: an id from a URL or a body is checked first, so a bad one is "not found", not a 500. */
export function isUuid(text: string): boolean {
  return uuidSyntax.test(text);
}

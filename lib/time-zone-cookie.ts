/**
 * The cookie the browser keeps its time zone in, for the server to render times in it. Apart
 * from lib/time.ts, whose zod and list of zones the browser's bundle has no use for.
 */
export const timeZoneCookie = "tz";

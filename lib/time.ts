import { z } from "zod";

/** Where times are shown until the viewer's browser says its own zone (and for the API, unless asked otherwise): the product's home. */
export const defaultTimeZone = "America/Sao_Paulo";

// Region names only: the runtime also takes offsets ("+03:00"), which PostgreSQL reads with the opposite sign.
const timeZones = new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);

/** The zone's canonical name, or undefined if the runtime doesn't know it as a region. */
function canonicalTimeZone(name: string): string | undefined {
  try {
    const canonical = new Intl.DateTimeFormat("en-GB", { timeZone: name }).resolvedOptions().timeZone;
    return timeZones.has(canonical) ? canonical : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An IANA time zone, as its canonical name: browsers name some zones by an alias the runtime
 * lists under another ("Asia/Kolkata", "Etc/UTC"), and PostgreSQL gets one name for each.
 */
export const timeZoneSchema = z
  .string()
  .max(100)
  .transform((name, context) => {
    const canonical = canonicalTimeZone(name);
    if (canonical) return canonical;
    context.issues.push({ code: "custom", input: name, message: "Give an IANA time zone, for example America/Sao_Paulo." });
    return z.NEVER;
  });

/** `name` if it is a time zone, else the default. */
export function timeZoneOrDefault(name: string | undefined): string {
  const parsed = timeZoneSchema.safeParse(name);
  return parsed.success ? parsed.data : defaultTimeZone;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone and style, built once: building one costs far more than using it. */
function formatter(style: "dateTime" | "date" | "parts", timeZone: string): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    const options: Record<typeof style, Intl.DateTimeFormatOptions> = {
      dateTime: { dateStyle: "medium", timeStyle: "short" },
      date: { dateStyle: "medium" },
      // dateStyle and timeZoneName can't share one format: the zone's name, and the sortable form, come from the parts.
      parts: { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "short" },
    };
    format = new Intl.DateTimeFormat("en-GB", { ...options[style], timeZone });
    formats.set(key, format);
  }
  return format;
}

function partsOf(at: Date, timeZone: string): Record<Intl.DateTimeFormatPartTypes, string> {
  return Object.fromEntries(formatter("parts", timeZone).formatToParts(at).map(({ type, value }) => [type, value])) as Record<Intl.DateTimeFormatPartTypes, string>;
}

/** For customers: "4 Dec 2026, 18:30 GMT-3", the zone said. */
export function formatDateTime(at: Date, timeZone: string): string {
  return `${formatter("dateTime", timeZone).format(at)} ${partsOf(at, timeZone).timeZoneName}`;
}

/** The day alone: "4 Dec 2026". */
export function formatDate(at: Date, timeZone: string): string {
  return formatter("date", timeZone).format(at);
}

/** "2026-12-04 18:30" (with `seconds`, "2026-12-04 18:30:05"): the wall-clock time in `timeZone`, sortable, and read alike everywhere. */
export function localDateTime(at: Date, timeZone: string, { seconds = false } = {}): string {
  const part = partsOf(at, timeZone);
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}${seconds ? `:${part.second}` : ""}`;
}

/** For staff tables: "2026-12-04 18:30 GMT-3". The zone is said on each time, as a daylight saving change can move it from row to row. */
export function formatStaffTime(at: Date, timeZone: string, options: { seconds?: boolean } = {}): string {
  return `${localDateTime(at, timeZone, options)} ${partsOf(at, timeZone).timeZoneName}`;
}

/** How far `timeZone`'s clocks are ahead of UTC at `at` (a whole second), in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const part = partsOf(new Date(at), timeZone);
  return Date.UTC(Number(part.year), Number(part.month) - 1, Number(part.day), Number(part.hour), Number(part.minute), Number(part.second)) - at;
}

const dayMs = 24 * 60 * 60_000;

/**
 * The instant `date` ("YYYY-MM-DD") begins in `timeZone`: its local midnight, or where a
 * daylight saving change skips midnight, the change (São Paulo's clocks went 00:00 → 01:00).
 */
export function startOfDay(date: string, timeZone: string): Date {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  // Midnight is at the offset of the day before or of the day after: whichever the clocks show then.
  const candidates = [offsetAt(midnight - dayMs, timeZone), offsetAt(midnight + dayMs, timeZone)].map((offset) => midnight - offset);
  const atMidnight = candidates.filter((at) => localDateTime(new Date(at), timeZone) === `${date} 00:00`);
  // No midnight that day: it begins when the change moved the clocks past it, the later candidate.
  return new Date(atMidnight.length > 0 ? Math.min(...atMidnight) : Math.max(...candidates));
}

/**
 * Whole days `from` to `to` ("YYYY-MM-DD", both included, either left open) as instants in
 * `timeZone`: from `start`, up to but not including `end`.
 */
export function dayRange(days: { from?: string; to?: string }, timeZone: string): { start?: Date; end?: Date } {
  const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);
  return {
    start: days.from ? startOfDay(days.from, timeZone) : undefined,
    end: days.to ? startOfDay(dayAfter(days.to), timeZone) : undefined,
  };
}

/** A time for staff tables, in UTC as the rest of the staff pages show it: "2026-12-01 18:30". */
export function formatTime(at: Date): string {
  return at.toISOString().slice(0, 16).replace("T", " ");
}

import "server-only";
import { cookies } from "next/headers";
import { timeZoneOrDefault } from "@/lib/time";
import { timeZoneCookie } from "@/lib/time-zone-cookie";

/** The zone the viewer's browser reported (app/time-zone-sync.tsx), if it is one; else São Paulo's. */
export async function viewerTimeZone(): Promise<string> {
  return timeZoneOrDefault((await cookies()).get(timeZoneCookie)?.value);
}

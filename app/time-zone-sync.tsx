"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { timeZoneCookie } from "@/lib/time-zone-cookie";

function cookieTimeZone(): string | undefined {
  const entry = document.cookie.split("; ").find((cookie) => cookie.startsWith(`${timeZoneCookie}=`));
  return entry && decodeURIComponent(entry.slice(timeZoneCookie.length + 1));
}

/**
 * Tells the server the browser's time zone in a cookie, and when the page was rendered in
 * another zone, has it rendered again in this one. Only a cookie just changed causes that
 * refresh, so it happens once: a zone the server refuses stays refused, without a loop.
 */
export function TimeZoneSync({ renderedTimeZone }: { renderedTimeZone: string }) {
  const router = useRouter();
  useEffect(() => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!timeZone || cookieTimeZone() === timeZone) return;
    document.cookie = `${timeZoneCookie}=${encodeURIComponent(timeZone)}; path=/; max-age=${365 * 24 * 60 * 60}; samesite=lax`;
    // A browser that keeps no cookies would render the same page again.
    if (cookieTimeZone() === timeZone && timeZone !== renderedTimeZone) router.refresh();
  }, [renderedTimeZone, router]);
  return null;
}

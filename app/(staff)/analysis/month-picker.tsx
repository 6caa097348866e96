"use client";

import { useRouter } from "next/navigation";
import { buttonClass } from "@/components/form";

/** A GET form, so it works before scripts load; with them, choosing a month is enough. */
export function MonthPicker({ months, month, action }: { months: { value: string; label: string }[]; month: string; action: string }) {
  const router = useRouter();
  return (
    <form action={action} className="flex items-end gap-2">
      <label className="text-sm font-medium text-slate-700">
        Month
        <select
          name="month"
          defaultValue={month}
          onChange={(event) => router.push(`${action}?month=${event.target.value}`)}
          className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-base font-normal sm:text-sm"
        >
          {months.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit" className={buttonClass("secondary")}>
          Show
        </button>
      </noscript>
    </form>
  );
}

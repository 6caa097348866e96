import Link from "next/link";
import { buttonClass } from "./form";

/** A GET form: filters live in the URL, so they survive reloads and can be shared. */
export function FilterBar({ action, children, clearHref }: { action: string; children: React.ReactNode; clearHref: string }) {
  return (
    <form action={action} role="search" className="mb-4 flex flex-wrap items-end gap-3">
      {children}
      <button type="submit" className={buttonClass("secondary")}>
        Filter
      </button>
      <Link href={clearHref} className="px-2 py-2 text-sm text-slate-600 hover:underline">
        Clear
      </Link>
    </form>
  );
}

export function FilterInput({ label, name, defaultValue, type = "search" }: { label: string; name: string; defaultValue?: string; type?: string }) {
  return (
    <label className="text-sm font-medium text-slate-700">
      {label}
      <input
        type={type}
        name={name}
        defaultValue={defaultValue}
        className="mt-1 block w-56 rounded-md border border-slate-300 bg-white px-3 py-2 text-base font-normal sm:text-sm"
      />
    </label>
  );
}

export function FilterSelect({
  label,
  name,
  defaultValue,
  options,
}: {
  label: string;
  name: string;
  defaultValue?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <label className="text-sm font-medium text-slate-700">
      {label}
      <select
        name={name}
        defaultValue={defaultValue ?? ""}
        className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-base font-normal sm:text-sm"
      >
        <option value="">All</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

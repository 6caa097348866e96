/** One line of a money review: what it is, and its amount or detail. */
export function ReviewRow({ term, value, strong }: { term: string; value: string; strong?: boolean }) {
  return (
    <div className="flex flex-wrap justify-between gap-x-4 gap-y-1 px-4 py-3">
      <dt className="text-slate-600">{term}</dt>
      <dd className={`min-w-0 break-words text-right ${strong ? "font-semibold text-slate-900" : ""}`}>{value}</dd>
    </div>
  );
}

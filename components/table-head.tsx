/** The header row of a plain server-rendered table (DataTable has its own, with sorting). */
export function TableHead({ labels }: { labels: string[] }) {
  return (
    <thead className="bg-slate-50 text-left text-slate-700">
      <tr>
        {labels.map((label, i) => (
          <th key={`${i}-${label}`} scope="col" className="px-3 py-2 font-semibold whitespace-nowrap">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

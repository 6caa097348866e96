/** The lines of a file that an import did not store, and why; `note` explains a shortened list. */
export function IgnoredLines({ ignored, note }: { ignored: { line: number; reason: string }[]; note?: string }) {
  return (
    <section aria-label="Ignored lines">
      <h3 className="text-sm font-semibold text-slate-700">Ignored lines</h3>
      <ul className="mt-1 max-h-80 overflow-y-auto rounded border border-slate-200 bg-white text-sm">
        {ignored.map((line) => (
          <li key={line.line} className="border-b border-slate-100 px-3 py-1 last:border-0">
            Line {line.line}: {line.reason}
          </li>
        ))}
      </ul>
      {note && <p className="mt-1 text-xs text-slate-500">{note}</p>}
    </section>
  );
}

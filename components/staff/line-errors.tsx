/** The problems of a refused file, by line number, as an editor counts lines. */
export function LineErrors({ errors }: { errors: { line: number; message: string }[] }) {
  return (
    <section aria-label="Problems in the file">
      <h3 className="text-sm font-semibold text-slate-700">Problems in the file</h3>
      <ul className="mt-1 max-h-80 overflow-y-auto rounded border border-red-200 bg-white text-sm">
        {errors.map((error) => (
          <li key={error.line} className="border-b border-slate-100 px-3 py-1 last:border-0">
            Line {error.line}: {error.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

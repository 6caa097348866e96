import Link from "next/link";

export function StatCard({
  label,
  value,
  href,
  hint,
  children,
}: {
  label: string;
  value: number | string;
  href?: string;
  hint?: string;
  /** A small chart under the figure. */
  children?: React.ReactNode;
}) {
  const body = (
    <>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-semibold tracking-tight break-all text-slate-900 sm:text-3xl">{value}</p>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      {children}
    </>
  );
  const className = "block rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
  return href ? (
    <Link href={href} className={`${className} hover:border-brand-600`}>
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  );
}

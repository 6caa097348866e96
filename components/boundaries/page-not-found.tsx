import Link from "next/link";
import { buttonClass } from "@/components/form";

/** What a page shows for something that doesn't exist (or isn't the viewer's to see). */
export function PageNotFound({ home }: { home: { href: string; label: string } }) {
  return (
    <section aria-labelledby="not-found-title" className="mx-auto max-w-lg space-y-4 py-10 text-center">
      <h1 id="not-found-title" className="text-xl font-bold text-slate-900">
        Not found
      </h1>
      <p className="text-sm text-slate-600">There is nothing here: the link may be old, or the item was removed.</p>
      <Link href={home.href} className={buttonClass("secondary")}>
        {home.label}
      </Link>
    </section>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { buttonClass } from "@/components/form";

type Home = { href: string; label: string };

/** What a page shows when rendering it failed: no details (they are in the server log), a reference, and ways on. */
export function PageError({ error, reset, home }: { error: Error & { digest?: string }; reset: () => void; home: Home }) {
  const router = useRouter();
  // reset() alone re-renders what the browser holds; a server component's failure needs its data fetched again.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <section role="alert" aria-labelledby="page-error-title" className="mx-auto max-w-lg space-y-4 py-10 text-center">
      <h1 id="page-error-title" className="text-xl font-bold text-slate-900">
        This page could not be shown
      </h1>
      <p className="text-sm text-slate-600">
        Something went wrong on our side; nothing you entered was lost by it. Try again, or go back and carry on.
        {error.digest && (
          <>
            {" "}
            If it keeps happening, tell support the reference <code className="font-mono">{error.digest}</code>.
          </>
        )}
      </p>
      <div className="flex flex-wrap justify-center gap-3">
        <button type="button" onClick={retry} className={buttonClass()}>
          Try again
        </button>
        <Link href={home.href} className={buttonClass("secondary")}>
          {home.label}
        </Link>
      </div>
    </section>
  );
}

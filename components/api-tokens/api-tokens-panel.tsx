import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";
import { listPersonalTokens, type PersonalToken } from "@/lib/auth/tokens";
import { parsePage } from "@/lib/paging";
import { services } from "@/lib/services";
import { formatDate } from "@/lib/time";
import { CreateTokenForm } from "./create-token-form";
import { RevokeTokenButton } from "./revoke-token-button";

function Expiry({ token, now, timeZone }: { token: PersonalToken; now: Date; timeZone: string }) {
  if (!token.expiresAt) return <span>Never expires</span>;
  if (token.expiresAt <= now) {
    return <span className="rounded bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700">Expired {formatDate(token.expiresAt, timeZone)}</span>;
  }
  return (
    <span>
      Expires <time dateTime={token.expiresAt.toISOString()}>{formatDate(token.expiresAt, timeZone)}</time>
    </span>
  );
}

/** Personal API tokens: make one (shown once), see yours, revoke them. The same for customers and staff. */
export async function ApiTokensPanel({ user, basePath, params, timeZone }: { user: SessionUser; basePath: string; params: Record<string, string>; timeZone: string }) {
  const page = parsePage(params);
  const { rows, total } = await listPersonalTokens(services().db, user.id, page);
  const now = new Date();
  const pageCount = Math.max(1, Math.ceil(total / page.size));
  const pageHref = (index: number) => `${basePath}?page=${index + 1}&size=${page.size}`;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">API tokens</h1>
        <p className="mt-1 text-sm text-slate-600">
          Personal tokens let your scripts and integrations use the{" "}
          <Link href="/docs/api" className="text-brand-700 underline underline-offset-2">
            Ledgerwatch API
          </Link>{" "}
          as you. Only a fingerprint of each token is kept: copy it when you make it.
        </p>
      </div>
      <CreateTokenForm />
      <section aria-labelledby="your-tokens" className="space-y-3">
        <h2 id="your-tokens" className="text-base font-semibold">
          Your tokens
        </h2>
        {rows.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">
            {page.index === 0 ? "You have no API tokens. Make one above when a script needs to use the API." : "No tokens on this page."}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Your tokens">
            {rows.map((token) => (
              <li key={token.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                <div className="min-w-0 space-y-0.5">
                  <p className="font-medium break-words text-slate-900">{token.name}</p>
                  <p className="text-slate-600">
                    Created <time dateTime={token.createdAt.toISOString()}>{formatDate(token.createdAt, timeZone)}</time> · <Expiry token={token} now={now} timeZone={timeZone} />
                  </p>
                </div>
                <RevokeTokenButton id={token.id} name={token.name} />
              </li>
            ))}
          </ul>
        )}
        {pageCount > 1 && (
          <nav aria-label="Pages" className="flex items-center justify-between text-sm">
            {page.index > 0 ? (
              <Link href={pageHref(page.index - 1)} className="text-brand-700 hover:underline">
                Previous
              </Link>
            ) : (
              <span />
            )}
            <span className="text-slate-600">
              Page {page.index + 1} of {pageCount}
            </span>
            {page.index + 1 < pageCount ? (
              <Link href={pageHref(page.index + 1)} className="text-brand-700 hover:underline">
                Next
              </Link>
            ) : (
              <span />
            )}
          </nav>
        )}
      </section>
    </div>
  );
}

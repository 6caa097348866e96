import type { Metadata } from "next";
import Link from "next/link";
import { statusByCode } from "@/lib/api/errors";
import { accessText, isJsonBody, operationErrors, type Answer, type Operation } from "@/lib/api/contract";
import { openApiDocument, schemaId } from "@/lib/api/openapi";
import { operations } from "@/lib/api/operations";
import { schemaText } from "@/lib/api/schema-text";

export const metadata: Metadata = { title: "API reference" };

const methodStyles: Record<Operation["method"], string> = {
  get: "bg-emerald-100 text-emerald-800",
  post: "bg-brand-100 text-brand-900",
  patch: "bg-amber-100 text-amber-900",
  delete: "bg-red-100 text-red-800",
};

const anchor = (operation: Operation) => `${operation.method}-${operation.path}`.replace(/[^a-z0-9]+/gi, "-");

function BodyShape({ body }: { body: NonNullable<Answer["body"]> }) {
  if (isJsonBody(body)) {
    return (
      <a href={`#schema-${schemaId(body)}`} className="font-mono text-brand-700 hover:underline">
        {schemaId(body)}
      </a>
    );
  }
  return <code className="font-mono">{body.contentTypes.join(" or ")}</code>;
}

type Parameter = { name: string; in: string; required: boolean; description?: string; schema: Record<string, unknown> };

function OperationSection({ operation, parameters }: { operation: Operation; parameters: Parameter[] }) {
  return (
    <section id={anchor(operation)} aria-labelledby={`${anchor(operation)}-title`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 id={`${anchor(operation)}-title`} className="flex flex-wrap items-center gap-2 font-mono text-sm">
        <span className={`rounded px-2 py-0.5 text-xs font-bold ${methodStyles[operation.method]}`}>{operation.method.toUpperCase()}</span>{" "}
        <span className="font-semibold break-all text-slate-900">{operation.path}</span>
      </h3>
      <p className="font-medium text-slate-900">{operation.summary}</p>
      {operation.description && <p className="text-sm text-slate-700">{operation.description}</p>}
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="font-medium text-slate-600">Auth</dt>
        <dd>{accessText[operation.access]}</dd>
        {parameters.length > 0 && (
          <>
            <dt className="font-medium text-slate-600">Parameters</dt>
            <dd>
              <ul className="space-y-1">
                {parameters.map((parameter) => (
                  <li key={`${parameter.in}-${parameter.name}`}>
                    <code className="font-mono">{parameter.name}</code> <span className="text-slate-500">({parameter.in}{parameter.required ? ", required" : ""})</span>{" "}
                    <code className="font-mono text-xs text-slate-600">{schemaText(parameter.schema)}</code>
                    {parameter.description && <span> — {parameter.description}</span>}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {operation.request && (
          <>
            <dt className="font-medium text-slate-600">Request body</dt>
            <dd>
              <BodyShape body={operation.request} />
            </dd>
          </>
        )}
        <dt className="font-medium text-slate-600">Answers</dt>
        <dd>
          <ul className="space-y-1">
            {Object.entries(operation.responses as Record<number, Answer>).map(([status, response]) => (
              <li key={status}>
                <span className="font-mono font-semibold">{status}</span> {response.description}{" "}
                {response.body && <BodyShape body={response.body} />}
              </li>
            ))}
          </ul>
        </dd>
        <dt className="font-medium text-slate-600">Errors</dt>
        <dd>
          {operationErrors(operation).length === 0 ? (
            "None of its own."
          ) : (
            <ul className="flex flex-wrap gap-2">
              {operationErrors(operation).map((code) => (
                <li key={code} className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs">
                  {statusByCode[code]} {code}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </section>
  );
}

export default function ApiDocsPage() {
  const { info, paths, components } = openApiDocument();
  const tags = [...new Set(operations.map((operation) => operation.tag))];
  return (
    <main className="mx-auto max-w-4xl space-y-8 px-4 py-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{info.title} reference</h1>
        <p className="text-sm text-slate-700">{info.description}</p>
        <p className="text-sm text-slate-700">
          Send credentials as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>: a token from{" "}
          <code className="font-mono">POST /api/v1/auth/token</code>, or a personal API token made on your Tokens page. Requests that move money carry an{" "}
          <code className="font-mono">Idempotency-Key</code> header. The machine-readable document is{" "}
          <Link href="/api/v1/openapi.json" className="text-brand-700 hover:underline">
            /api/v1/openapi.json
          </Link>{" "}
          (OpenAPI 3.1).
        </p>
        <nav aria-label="Sections">
          <ul className="flex flex-wrap gap-3 text-sm">
            {tags.map((tag) => (
              <li key={tag}>
                <a href={`#${tag.replace(/\W+/g, "-")}`} className="text-brand-700 hover:underline">
                  {tag}
                </a>
              </li>
            ))}
            <li>
              <a href="#schemas" className="text-brand-700 hover:underline">
                Schemas
              </a>
            </li>
          </ul>
        </nav>
      </header>
      {tags.map((tag) => (
        <section key={tag} id={tag.replace(/\W+/g, "-")} aria-label={tag} className="space-y-4">
          <h2 className="text-xl font-semibold text-slate-900">{tag}</h2>
          {operations
            .filter((operation) => operation.tag === tag)
            .map((operation) => (
              <OperationSection
                key={anchor(operation)}
                operation={operation}
                parameters={(paths[operation.path][operation.method] as { parameters: Parameter[] }).parameters}
              />
            ))}
        </section>
      ))}
      <section id="schemas" aria-label="Schemas" className="space-y-4">
        <h2 className="text-xl font-semibold text-slate-900">Schemas</h2>
        {Object.entries(components.schemas).map(([id, schema]) => (
          <div key={id} id={`schema-${id}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h3 className="font-mono text-sm font-semibold">{id}</h3>
            <pre className="mt-2 overflow-x-auto text-xs text-slate-800">{schemaText(schema)}</pre>
          </div>
        ))}
      </section>
    </main>
  );
}

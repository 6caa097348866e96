"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import { buttonClass, FormMessage } from "@/components/form";
import { IgnoredLines } from "@/components/ignored-lines";

type Summary = {
  id: string;
  fileName: string;
  transactionsDate: string;
  imported: number;
  ignoredCount: number;
  ignored: { line: number; reason: string }[];
};

type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; sent: number; total: number }
  | { phase: "processing" }
  | { phase: "done"; summary: Summary }
  | { phase: "failed"; message: string; ignored?: { line: number; reason: string }[] };

const accepted = ".csv,.xml,text/csv,application/xml,text/xml";

function contentTypeFor(file: File): string {
  return file.name.toLowerCase().endsWith(".xml") ? "application/xml" : "text/csv";
}

/**
 * Sends the file as the raw request body to the import endpoint. The server receives it into a
 * temporary file, then checks and stores it in one transaction ("Saving the import"). Its refusals
 * (a busy server's 429, a stalled upload's 408) come back as the API's error message, shown here.
 */
export function UploadForm() {
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const [dragging, setDragging] = useState(false);
  const request = useRef<XMLHttpRequest | null>(null);
  const busy = state.phase === "uploading" || state.phase === "processing";

  function choose(chosen: File | undefined) {
    if (!chosen) return;
    setFile(chosen);
    setState({ phase: "idle" });
  }

  function upload() {
    if (!file) return;
    const xhr = new XMLHttpRequest();
    request.current = xhr;
    xhr.open("POST", `/api/v1/imports?filename=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("Content-Type", contentTypeFor(file));
    xhr.upload.onprogress = (event) => setState({ phase: "uploading", sent: event.loaded, total: event.total || file.size });
    xhr.upload.onload = () => setState({ phase: "processing" });
    xhr.onload = () => {
      let body: { error?: { message: string; details?: { ignored?: { line: number; reason: string }[] } } } & Partial<Summary> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: the generic message below.
      }
      if (xhr.status === 201) setState({ phase: "done", summary: body as Summary });
      else setState({ phase: "failed", message: body.error?.message ?? `The import failed (HTTP ${xhr.status}).`, ignored: body.error?.details?.ignored });
    };
    xhr.onerror = () => setState({ phase: "failed", message: "The connection failed. Nothing was imported; try again." });
    xhr.onabort = () => setState({ phase: "failed", message: "Upload cancelled. Nothing was imported." });
    setState({ phase: "uploading", sent: 0, total: file.size });
    xhr.send(file);
  }

  return (
    <div className="space-y-4">
      <label
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          choose(event.dataTransfer.files[0]);
        }}
        className={`flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed p-8 text-center focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-brand-600 ${
          dragging ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white"
        }`}
      >
        <span className="font-medium text-slate-800">{file ? file.name : "Drop a .csv or .xml file here"}</span>
        <span className="mt-1 text-sm text-slate-500">
          {file ? `${(file.size / 1024).toFixed(1)} KiB` : "or click to choose one"}
        </span>
        <input
          type="file"
          accept={accepted}
          aria-label="Transactions file"
          className="sr-only"
          disabled={busy}
          onChange={(event) => choose(event.target.files?.[0])}
        />
      </label>

      <div className="flex gap-3">
        <button type="button" className={buttonClass()} disabled={!file || busy} onClick={upload}>
          Import
        </button>
        {busy && (
          <button type="button" className={buttonClass("secondary")} onClick={() => request.current?.abort()}>
            Cancel
          </button>
        )}
      </div>

      {state.phase === "uploading" && (
        <Progress label="Uploading and checking" value={state.total ? Math.round((state.sent / state.total) * 100) : 0} />
      )}
      {state.phase === "processing" && <Progress label="Saving the import" />}
      {state.phase === "failed" && (
        <div className="space-y-2">
          <FormMessage error={state.message} />
          {state.ignored && <IgnoredLines ignored={state.ignored} />}
        </div>
      )}
      {state.phase === "done" && <ImportResult summary={state.summary} />}
    </div>
  );
}

function Progress({ label, value }: { label: string; value?: number }) {
  return (
    <div className="space-y-1">
      <div className="flex justify-between text-sm text-slate-600">
        <span>{label}…</span>
        {value !== undefined && <span>{value}%</span>}
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full bg-brand-600 ${value === undefined ? "w-1/3 animate-pulse" : ""}`} style={value === undefined ? undefined : { width: `${value}%` }} />
      </div>
    </div>
  );
}

function ImportResult({ summary }: { summary: Summary }) {
  return (
    <section aria-label="Import result" className="space-y-3 rounded-lg border border-emerald-200 bg-white p-4 shadow-sm">
      <h2 className="font-semibold text-emerald-800">Imported {summary.fileName}</h2>
      <dl className="grid grid-cols-3 gap-3 text-sm">
        <div>
          <dt className="text-slate-500">Transactions date</dt>
          <dd className="text-lg font-semibold">{summary.transactionsDate}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Stored</dt>
          <dd className="text-lg font-semibold">{summary.imported}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Ignored</dt>
          <dd className="text-lg font-semibold">{summary.ignoredCount}</dd>
        </div>
      </dl>
      {summary.ignored.length > 0 && (
        <IgnoredLines
          ignored={summary.ignored}
          note={
            summary.ignoredCount > summary.ignored.length
              ? `The first ${summary.ignored.length} of ${summary.ignoredCount}; the import page lists them all.`
              : undefined
          }
        />
      )}
      <Link href={`/imports/${summary.id}`} className="inline-block text-sm font-medium text-brand-700 hover:underline">
        Open the import
      </Link>
    </section>
  );
}

import type { ImportFormat } from "@/db/schema";
import { ImportFileError } from "./errors";

/** The file name from `?filename=` or the Content-Disposition header. */
export function uploadFileName(url: URL, contentDisposition: string | null): string {
  const fromQuery = url.searchParams.get("filename");
  if (fromQuery) return cleanFileName(fromQuery);
  if (contentDisposition) {
    const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(contentDisposition);
    if (encoded) {
      try {
        return cleanFileName(decodeURIComponent(encoded[1]));
      } catch {
        // A malformed encoding: fall back to the plain parameter.
      }
    }
    const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(contentDisposition);
    if (plain) return cleanFileName(plain[1] ?? plain[2]);
  }
  return "upload";
}

function cleanFileName(name: string): string {
  // Keep the base name only, without control characters, at a sane length.
  const base = name.split(/[\\/]/).at(-1)!.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return base.slice(0, 255) || "upload";
}

/** CSV or XML, from the Content-Type, or from the file name when the type says nothing. */
export function uploadFormat(contentType: string | null, fileName: string): ImportFormat {
  const type = contentType?.split(";")[0].trim().toLowerCase() ?? "";
  if (type === "text/csv" || type === "application/csv") return "csv";
  if (type === "application/xml" || type === "text/xml") return "xml";
  if (type === "" || type === "application/octet-stream" || type === "text/plain") {
    const extension = fileName.toLowerCase().split(".").at(-1);
    if (extension === "csv") return "csv";
    if (extension === "xml") return "xml";
  }
  throw new ImportFileError("UNSUPPORTED_FORMAT", "Upload a .csv or .xml file (Content-Type text/csv or application/xml).");
}

/** A request body as chunks; when the reader stops early the upload is cancelled. */
export async function* bodyChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let done = false;
  try {
    while (true) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

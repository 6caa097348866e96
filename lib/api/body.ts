import { DomainError } from "@/lib/errors";

/** The most an API JSON body may hold: a 1,000-transfer batch is about 150 KB. */
export const maxJsonBodyBytes = 1024 ** 2;

const tooLarge = (maxBytes: number) => new DomainError("PAYLOAD_TOO_LARGE", `The request body must be at most ${maxBytes} bytes.`);

/**
 * The request body as text, refused with PAYLOAD_TOO_LARGE before it is parsed: at once by its
 * Content-Length, or as soon as a body sent without one (chunked) streams past the cap.
 */
export async function readBodyText(request: Request, maxBytes = maxJsonBodyBytes): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { readBodyText } from "./body";

/** A body streamed in chunks with no Content-Length, as a chunked upload arrives; counts what was pulled. */
function chunkedRequest(chunk: string, count: number, headers: HeadersInit = {}) {
  const pulled = { chunks: 0 };
  const encoded = new TextEncoder().encode(chunk);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.chunks === count) return controller.close();
      pulled.chunks++;
      controller.enqueue(encoded);
    },
  }, { highWaterMark: 0 });
  return { request: new Request("http://localhost/api", { method: "POST", body, headers, duplex: "half" } as RequestInit), pulled };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

describe("reading an API body under a cap", () => {
  it("reads a body up to the cap", async () => {
    const text = JSON.stringify({ note: "ç".repeat(10) });
    expect(await readBodyText(new Request("http://localhost/api", { method: "POST", body: text }), 100)).toBe(text);
  });

  it("refuses a declared Content-Length over the cap without reading the body", async () => {
    const { request, pulled } = chunkedRequest("x", 5, { "content-length": "101" });
    expect(await refusal(readBodyText(request, 100))).toBe("PAYLOAD_TOO_LARGE");
    expect(pulled.chunks).toBe(0);
  });

  it("stops reading a chunked body as soon as it passes the cap", async () => {
    const { request, pulled } = chunkedRequest("x".repeat(40), 1000);
    expect(await refusal(readBodyText(request, 100))).toBe("PAYLOAD_TOO_LARGE");
    expect(pulled.chunks).toBeLessThan(10);
  });
});

import { ImportFileError } from "./errors";

const notUtf8 = "The file is not valid UTF-8 text. Save it as UTF-8 and upload it again.";

/**
 * Decodes a byte stream as UTF-8 as it arrives, dropping a leading byte order mark. A character
 * split between two chunks is joined; any invalid byte refuses the whole file.
 */
export async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  for await (const chunk of chunks) {
    const text = decode(decoder, chunk, true);
    if (text) yield text;
  }
  const rest = decode(decoder, undefined, false);
  if (rest) yield rest;
}

function decode(decoder: TextDecoder, chunk: Uint8Array | undefined, stream: boolean): string {
  try {
    return decoder.decode(chunk, { stream });
  } catch (error) {
    if (error instanceof TypeError) throw new ImportFileError("VALIDATION_FAILED", notUtf8);
    throw error;
  }
}

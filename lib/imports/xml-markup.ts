export const OPEN = 1;
export const EMPTY = 2;
export const CLOSE = 3;
/** A comment or processing instruction. */
export const SKIPPED = 4;
export const CDATA = 5;
export const BAD = 6;

const [lessThan, greaterThan, slash, bang, question, equals, doubleQuote, singleQuote] = [..."<>/!?=\"'"].map((character) =>
  character.charCodeAt(0),
);
const notATag = 'a "<" that does not start a tag (write it as &lt;)';
// Names read often enough to be worth returning without slicing a new string each time.
const knownNames = ["transacao", "origem", "destino", "banco", "agencia", "conta", "valor", "data"];

/**
 * The markup last read from a buffer: its kind, where it ends, and its tag name's span. One
 * instance is reused for every tag so that reading a tag allocates nothing.
 */
export class Markup {
  kind = 0;
  /** One past the markup's last character. */
  end = 0;
  nameStart = 0;
  nameEnd = 0;
  /** Why a BAD markup is not a tag. */
  reason = "";

  /**
   * Reads the markup starting at `lt` (a "<"); false when the buffer ends inside it. Tags are read
   * character by character and a stray "<" ends them, so text full of "<" costs one pass rather
   * than one search to the next ">" per "<".
   */
  read(buffer: string, lt: number): boolean {
    const next = buffer.charCodeAt(lt + 1);
    if (Number.isNaN(next)) return false;
    if (next === bang) return this.readDeclaration(buffer, lt);
    if (next === question) {
      const close = buffer.indexOf("?>", lt + 2);
      return close !== -1 && this.set(SKIPPED, close + 2);
    }
    if (next === slash) return this.readEndTag(buffer, lt);
    return this.readStartTag(buffer, lt);
  }

  nameIs(buffer: string, name: string): boolean {
    return this.nameEnd - this.nameStart === name.length && buffer.startsWith(name, this.nameStart);
  }

  name(buffer: string): string {
    for (const known of knownNames) if (this.nameIs(buffer, known)) return known;
    return buffer.slice(this.nameStart, this.nameEnd);
  }

  private set(kind: number, end: number): true {
    this.kind = kind;
    this.end = end;
    return true;
  }

  private bad(reason: string, end: number): true {
    this.reason = reason;
    return this.set(BAD, end);
  }

  private readDeclaration(buffer: string, lt: number): boolean {
    if (buffer.startsWith("<!--", lt)) {
      const close = buffer.indexOf("-->", lt + 4);
      return close !== -1 && this.set(SKIPPED, close + 3);
    }
    if (buffer.startsWith("<![CDATA[", lt)) {
      const close = buffer.indexOf("]]>", lt + 9);
      return close !== -1 && this.set(CDATA, close + 3);
    }
    // Wait for enough text to tell "<!DOCTYPE" (refused by its own check) from other markup.
    if (buffer.length - lt < "<!DOCTYPE".length) return false;
    return this.bad("unexpected <!", lt + 2);
  }

  private readStartTag(buffer: string, lt: number): boolean {
    const nameEnd = endOfName(buffer, lt + 1);
    if (nameEnd === buffer.length) return false;
    if (!isXmlName(buffer, lt + 1, nameEnd)) return this.bad(notATag, lt + 1);
    let quote = 0;
    for (let i = nameEnd; i < buffer.length; i++) {
      const code = buffer.charCodeAt(i);
      if (code === lessThan) return this.bad(notATag, i);
      if (quote !== 0) {
        if (code === quote) quote = 0;
      } else if (code === doubleQuote || code === singleQuote) {
        quote = code;
      } else if (code === greaterThan) {
        this.nameStart = lt + 1;
        this.nameEnd = nameEnd;
        return this.set(buffer.charCodeAt(i - 1) === slash ? EMPTY : OPEN, i + 1);
      }
    }
    return false;
  }

  private readEndTag(buffer: string, lt: number): boolean {
    const nameEnd = endOfName(buffer, lt + 2);
    let i = nameEnd;
    while (i < buffer.length && buffer.charCodeAt(i) <= 32) i++;
    if (i === buffer.length) return false;
    if (buffer.charCodeAt(i) !== greaterThan || !isXmlName(buffer, lt + 2, nameEnd)) {
      return this.bad("malformed closing tag", Math.max(i, lt + 2));
    }
    this.nameStart = lt + 2;
    this.nameEnd = nameEnd;
    return this.set(CLOSE, i + 1);
  }
}

/** Where the name starting at `start` ends: at whitespace, or a character that ends a tag or starts an attribute. */
function endOfName(buffer: string, start: number): number {
  let i = start;
  for (; i < buffer.length; i++) {
    const code = buffer.charCodeAt(i);
    if (code <= 32 || code === slash || code === greaterThan || code === lessThan || code === equals) break;
    if (code === doubleQuote || code === singleQuote) break;
  }
  return i;
}

/** Whether buffer[start, end) is an XML name (exact for ASCII; any letter from U+00C0 allowed). */
function isXmlName(buffer: string, start: number, end: number): boolean {
  if (start === end) return false;
  for (let i = start; i < end; i++) {
    const code = buffer.charCodeAt(i);
    const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 58 || code >= 0xc0;
    const other = (code >= 48 && code <= 57) || code === 45 || code === 46 || code === 0xb7;
    if (i === start ? !letter : !(letter || other)) return false;
  }
  return true;
}

/** Whether the text holds "<!DOCTYPE" or "<!ENTITY", in any case. */
export function hasDoctype(text: string): boolean {
  // "!" is rare in XML text, so looking for it first skips the many "<".
  for (let at = text.indexOf("!"); at !== -1; at = text.indexOf("!", at + 1)) {
    if (text.charCodeAt(at - 1) !== lessThan) continue;
    const word = text.slice(at + 1, at + 8).toUpperCase();
    if (word === "DOCTYPE" || word.startsWith("ENTITY")) return true;
  }
  return false;
}

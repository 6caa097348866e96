import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { challengeFile as sample } from "@/test/fixtures/challenge";
import { decodeUtf8 } from "./decode";
import { ImportFileError } from "./errors";
import {
  collect,
  cut,
  cutPoints,
  encode,
  expected,
  positionsIncrease,
  recordsOf,
  refusal,
  scaled,
  streamOf,
  transaction,
  withinTime,
  type SampleTransaction,
} from "./test-support";
import { validateRecord } from "./validate";
import { parseXml } from "./xml";

const read = (text: string, offsets: number[] = []) => recordsOf(parseXml, text, offsets);
const readBytes = (bytes: Uint8Array, offsets: number[] = []) =>
  collect(parseXml(decodeUtf8(streamOf(cut(bytes, offsets)))));

const fields = ["BANCO DO BRASIL", "0001", "00001-1", "BANCO BRADESCO", "0001", "00001-1", "8000", "2022-01-02T07:30:00"];
const record = (inner?: string) =>
  `<transacao>${
    inner ??
    "<origem><banco>BANCO DO BRASIL</banco><agencia>0001</agencia><conta>00001-1</conta></origem>" +
      "<destino><banco>BANCO BRADESCO</banco><agencia>0001</agencia><conta>00001-1</conta></destino>" +
      "<valor>8000</valor><data>2022-01-02T07:30:00</data>"
  }</transacao>`;
const file = (...records: string[]) => `<?xml version="1.0" encoding="UTF-8"?>\n<transacoes>\n${records.join("\n")}\n</transacoes>\n`;

describe("parseXml on the challenge's sample file", () => {
  it("reads the 10 valid transactions of transacoes-2022-01-02.xml, however the bytes arrive", async () => {
    const bytes = sample("transacoes-2022-01-02.xml");
    for (const offsets of [[], [1, 2, 3, 50, 51, 400, 1000, 1001, 1002], Array.from({ length: bytes.length }, (_, i) => i)]) {
      const records = await readBytes(bytes, offsets);
      expect(records.map((item) => item.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const results = records.map((item) => ("fields" in item ? validateRecord(item.fields) : item));
      expect(results.every((result) => "ok" in result && result.ok && result.transaction.date === "2022-01-02")).toBe(true);
      expect(results[3]).toEqual({
        ok: true,
        transaction: {
          originBank: "BANCO BRADESCO",
          originBranch: "0001",
          originAccount: "00001-1",
          destinationBank: "BANCO SANTANDER",
          destinationBranch: "0001",
          destinationAccount: "00002-1",
          amountCents: 1150n,
          dateTime: "2022-01-02T12:32:00",
          date: "2022-01-02",
        },
      });
    }
  });
});

describe("parseXml", () => {
  it("reads the fields in file order, keeping leading zeros, whatever the element order", async () => {
    const shuffled = record(
      "<valor>8000</valor><destino><conta>00001-1</conta><banco>BANCO BRADESCO</banco><agencia>0001</agencia></destino>" +
        "<data>2022-01-02T07:30:00</data><origem><agencia>0001</agencia><conta>00001-1</conta><banco>BANCO DO BRASIL</banco></origem>",
    );
    expect(await read(file(record(), shuffled))).toEqual([
      { position: 1, fields },
      { position: 2, fields },
    ]);
  });

  it("reads a missing element as an empty field, for validation to name", async () => {
    const records = await read(file(record("<origem><banco>A</banco></origem><valor>1</valor>"), record("")));
    expect(records).toEqual([
      { position: 1, fields: ["A", "", "", "", "", "", "1", ""] },
      { position: 2, fields: ["", "", "", "", "", "", "", ""] },
    ]);
    expect(validateRecord((records[0] as { fields: string[] }).fields)).toEqual({ ok: false, reason: "missing origin branch" });
  });

  it("counts an empty <transacao/> as a transaction", async () => {
    const records = await read(file("<transacao/>", record()));
    expect(records).toEqual([
      { position: 1, fields: ["", "", "", "", "", "", "", ""] },
      { position: 2, fields },
    ]);
  });

  it("decodes entities and CDATA, ignores comments, attributes and unknown elements", async () => {
    const inner =
      '<!-- a </transacao> in a comment --><origem id="x>y"><banco>BANCO A &amp; B &#x43;&#68;</banco><agencia><![CDATA[00&amp;01]]></agencia>' +
      "<conta> 00001-1 </conta><extra>ignored</extra></origem><destino><banco>B</banco><agencia>2</agencia><conta>3</conta></destino>" +
      "<valor>&#49;0.50</valor><data>2022-01-02T07:30</data><?pi ignored?>";
    expect(await read(file(record(inner)))).toEqual([
      { position: 1, fields: ["BANCO A & B CD", "00&amp;01", "00001-1", "B", "2", "3", "10.50", "2022-01-02T07:30"] },
    ]);
  });

  const brokenFile = file(
    record(),
    record("<origem><banco>A</banco></origem><valor>1</valor><data>2022-01-02T07:30</data><destino>"),
    record("<valor>1 < 2</valor>"),
    record("<origem><banco>A</agencia></origem>"),
    record("<valor>1</valor><valor>2</valor>"),
    record("<valor><b>1</b></valor>"),
    record("<valor>&nbsp;1</valor>"),
    record(),
  );
  const everyCharacter = Array.from({ length: brokenFile.length }, (_, i) => i);

  it.each([["whole", []], ["in pieces", [30, 200, 210, 305, 333, 420, 520, 640, 700, 710, 980]], ["one character at a time", everyCharacter]])(
    "turns a malformed transaction into an error record and reads the rest, the file read %s",
    async (_, offsets) => {
      expect(await read(brokenFile, offsets)).toEqual([
        { position: 1, fields },
        { position: 2, error: "malformed XML: <destino> is not closed" },
        { position: 3, error: expect.stringContaining('malformed XML: a "<" that does not start a tag') },
        { position: 4, error: "malformed XML: </agencia> found where </banco> was expected" },
        { position: 5, error: "<valor> appears more than once" },
        { position: 6, error: "<valor> holds elements instead of text" },
        { position: 7, error: expect.stringMatching(/^malformed XML: .*entity/) },
        { position: 8, fields },
      ]);
    },
  );

  it("ignores elements named like object properties, as any unknown element", async () => {
    const inner = "<__proto__>1</__proto__><constructor><valor>2</valor></constructor><valor>3</valor>";
    expect(await read(file(record(inner)))).toEqual([{ position: 1, fields: ["", "", "", "", "", "", "3", ""] }]);
  });

  it("reports a transaction left open at the end of the file", async () => {
    const records = await read(`<transacoes>${record()}<transacao><valor>1</valor>`);
    expect(records).toEqual([
      { position: 1, fields },
      { position: 2, error: "transaction is not closed (no </transacao>)" },
    ]);
  });

  it("accepts a root element left open once the transactions are closed", async () => {
    expect(await read(`<transacoes>${record()}${record()}`)).toEqual([
      { position: 1, fields },
      { position: 2, fields },
    ]);
  });

  it("survives 10,000 nested elements, inside a transaction or between them", async () => {
    const deep = `${"<a>".repeat(10_000)}x${"</a>".repeat(10_000)}`;
    const records = await withinTime(read(file(record(deep), record("<a>".repeat(10_000)), deep, record())));
    expect(records).toEqual([
      // Ten thousand levels take more than 64 KiB once closed.
      { position: 1, error: "transaction is larger than 64 KiB" },
      { position: 2, error: "malformed XML: elements nested too deeply" },
      { position: 3, fields },
    ]);
    const shallow = `${"<a>".repeat(17)}x${"</a>".repeat(17)}`;
    expect(await read(file(record(shallow)))).toEqual([{ position: 1, error: "malformed XML: elements nested too deeply" }]);
  });

  it("skips a transaction over 64 KiB with an error record, holding no more than one record", async () => {
    const huge = record(`<valor>${"1".repeat(70_000)}</valor>`);
    for (const offsets of [[], [10, 20_000, 40_000, 60_000, 80_000]]) {
      expect(await read(file(record(), huge, record()), offsets)).toEqual([
        { position: 1, fields },
        { position: 2, error: "transaction is larger than 64 KiB" },
        { position: 3, fields },
      ]);
    }
  });

  it("stays fast when a long tag or comment arrives one character at a time", async () => {
    const text = file(record(), `<transacao a="${"x".repeat(30_000)}"><!--${"y".repeat(30_000)}--></transacao>`, record());
    const offsets = Array.from({ length: text.length }, (_, i) => i);
    const records = await withinTime(read(text, offsets), 5_000);
    expect(records.map((item) => item.position)).toEqual([1, 2, 3]);
  });

  it.each([
    ["a DOCTYPE", `<?xml version="1.0"?><!DOCTYPE transacoes><transacoes>${record()}</transacoes>`],
    ["a lower-case doctype", `<!doctype transacoes><transacoes>${record()}</transacoes>`],
    ["an ENTITY after the root", `<transacoes>${record()}<!ENTITY x "y"></transacoes>`],
    [
      "a billion laughs",
      `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<transacoes><transacao><origem><banco>&lol3;</banco></origem></transacao></transacoes>`,
    ],
  ])("refuses a file with %s", async (_, text) => {
    for (const offsets of [[], [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]]) {
      const error = await refusal(read(text, offsets));
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.message).toBe("XML files with a DOCTYPE are not accepted.");
    }
  });

  it.each([
    ["another root element", "<transactions><transaction/></transactions>"],
    ["a CSV file", "BANCO A,0001,00001-1,BANCO B,0001,00001-1,100,2022-01-01T10:00:00"],
    ["only an XML declaration", '<?xml version="1.0"?>\n'],
    ["text before the root", `hello<transacoes>${record()}</transacoes>`],
    ["a root tag never finished", "<transacoes"],
  ])("refuses %s as UNSUPPORTED_FORMAT", async (_, text) => {
    const error = await refusal(read(text));
    expect(error.code).toBe("UNSUPPORTED_FORMAT");
    expect(error.message).toContain("expected a <transacoes> root element");
  });

  it.each([
    ["empty", ""],
    ["whitespace only", "  \r\n\t"],
    ["a byte order mark only", "\ufeff"],
  ])("refuses a file that is %s as EMPTY_FILE", async (_, text) => {
    expect((await refusal(readBytes(encode(text)))).code).toBe("EMPTY_FILE");
  });

  it("reads a file that starts with a byte order mark", async () => {
    expect(await readBytes(encode(`\ufeff${file(record())}`))).toEqual([{ position: 1, fields }]);
  });

  it("reads an empty <transacoes/> as no records", async () => {
    expect(await read("<transacoes/>")).toEqual([]);
  });

  it("ignores what follows the closed root element", async () => {
    expect(await read(`<transacoes>${record()}</transacoes>${record()}`)).toEqual([{ position: 1, fields }]);
  });
});

const space = fc.constantFrom("", " ", "\n", "\r\n", "\t", "\n    ", "  \r\n  ");

/** Text content as an XML writer might escape it, sometimes as CDATA. */
const xmlText = (value: string, cdata: boolean) =>
  cdata && !value.includes("]]>")
    ? `<![CDATA[${value}]]>`
    : value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** An XML file of transactions with random whitespace and indentation between the tags. */
const xmlFile = fc
  .array(
    fc.record({
      sample: transaction,
      spaces: fc.array(space, { minLength: 24, maxLength: 24 }),
      cdata: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    }),
    { maxLength: 30 },
  )
  .chain((rows) => fc.tuple(fc.constant(rows), space, fc.boolean()))
  .map(([rows, outer, declaration]) => {
    const transactions = rows.map(({ sample, spaces, cdata }) => {
      let s = 0;
      const ws = () => spaces[s++];
      const leaf = (tag: string, index: number) => `${ws()}<${tag}>${xmlText(sample.fields[index], cdata[index])}</${tag}>`;
      const party = (tag: string, first: number) =>
        `${ws()}<${tag}>${leaf("banco", first)}${leaf("agencia", first + 1)}${leaf("conta", first + 2)}${ws()}</${tag}>`;
      return `${ws()}<transacao>${party("origem", 0)}${party("destino", 3)}${leaf("valor", 6)}${leaf("data", 7)}${ws()}</transacao>`;
    });
    const prolog = declaration ? `<?xml version="1.0" encoding="UTF-8"?>${outer}` : "";
    const text = `${prolog}<transacoes>${transactions.join("")}${outer}</transacoes>${outer}`;
    return { text, samples: rows.map((row) => row.sample) as SampleTransaction[] };
  });

describe("parseXml properties", () => {
  it("gives back exactly the transactions written, however the bytes arrive", async () => {
    await fc.assert(
      fc.asyncProperty(xmlFile, cutPoints, async ({ text, samples }, offsets) => {
        const bytes = encode(text);
        const records = await readBytes(bytes, scaled(offsets, bytes.length));
        expect(records.map((item) => item.position)).toEqual(samples.map((_, i) => i + 1));
        expect(records.map((item) => ("fields" in item ? validateRecord(item.fields) : item))).toEqual(
          samples.map((item) => ({ ok: true, transaction: expected(item) })),
        );
      }),
    );
  });

  it("never fails on any input except with an ImportFileError, never hangs, and keeps positions increasing", async () => {
    const token = fc.constantFrom(
      "<transacoes>",
      "</transacoes>",
      "<transacao>",
      "</transacao>",
      "<transacao/>",
      "<origem>",
      "</origem>",
      "<banco>",
      "</banco>",
      "<valor>",
      "</valor>",
      "<!--",
      "-->",
      "<![CDATA[",
      "]]>",
      "<?",
      "?>",
      "<",
      ">",
      "/",
      '"',
      "'",
      "&amp;",
      "&#1;",
      "&",
      "x",
      " ",
      "\n",
      "<a>",
      "</a>",
      "<a/>",
      "<__proto__>",
      "<constructor>",
    );
    const xmlish = fc.array(token, { maxLength: 60 }).map((tokens) => `<transacoes>${tokens.join("")}`);
    const truncated = xmlFile.chain(({ text }) => fc.nat({ max: text.length }).map((end) => text.slice(0, end)));
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.string({ unit: "binary" }).map(encode),
      xmlish.map(encode),
      truncated.map(encode),
    );
    await fc.assert(
      fc.asyncProperty(input, cutPoints, async (bytes, offsets) => {
        try {
          const records = await withinTime(readBytes(bytes, scaled(offsets, bytes.length)));
          expect(positionsIncrease(records)).toBe(true);
          for (const item of records) if ("fields" in item) expect(item.fields).toHaveLength(8);
        } catch (error) {
          if (!(error instanceof ImportFileError)) throw error;
        }
      }),
      { numRuns: 300 },
    );
  });
});

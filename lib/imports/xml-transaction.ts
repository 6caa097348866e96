// A transaction is two levels deep (<origem><banco>); anything much deeper is not one.
const maxDepth = 16;

const ignored = -1;
/** An open <origem> or <destino> is marked as party + the slot of its first field. */
const party = 100;

/** What an element directly inside <transacao> is: a party, a leaf's field slot, or ignored. */
function topRole(name: string): number {
  switch (name) {
    case "origem":
      return party + 0;
    case "destino":
      return party + 3;
    case "valor":
      return 6;
    case "data":
      return 7;
    default:
      return ignored;
  }
}

/** The field slot of an element inside a party whose first field is `first`, or ignored. */
function partyRole(name: string, first: number): number {
  switch (name) {
    case "banco":
      return first;
    case "agencia":
      return first + 1;
    case "conta":
      return first + 2;
    default:
      return ignored;
  }
}

/**
 * The eight fields of one `<transacao>`, read from the parser's events for what is inside it.
 * Unknown elements, loose text, comments and attributes are ignored; a field is the trimmed text
 * and CDATA of its element.
 */
export class TransactionFields {
  readonly fields = ["", "", "", "", "", "", "", ""];
  /** Why the transaction cannot be read, the first found. */
  problem: string | null = null;
  /** The elements open inside the <transacao>, innermost last. */
  readonly open: string[] = [];
  /** The role of each open element (see topRole). */
  private readonly roles: number[] = [];
  /** Which fields (bits 0-7) and parties (bits 8-9) have been seen. */
  private seen = 0;
  private leaf = ignored;
  private text = "";

  openElement(name: string): void {
    const depth = this.open.length;
    this.open.push(name);
    this.roles.push(ignored);
    if (this.problem !== null) return;
    if (name === "transacao") return this.malformed("a <transacao> inside another");
    if (depth >= maxDepth) return this.malformed("elements nested too deeply");
    if (this.leaf !== ignored) return this.fail(`<${this.open[depth - 1]}> holds elements instead of text`);
    let role = ignored;
    if (depth === 0) role = topRole(name);
    else if (depth === 1 && this.roles[0] >= party) role = partyRole(name, this.roles[0] - party);
    if (role === ignored) return;
    const bit = role >= party ? 1 << (8 + (role - party) / 3) : 1 << role;
    if (this.seen & bit) return this.fail(`<${name}> appears more than once`);
    this.seen |= bit;
    this.roles[depth] = role;
    if (role < party) {
      this.leaf = role;
      this.text = "";
    }
  }

  closeElement(): void {
    this.open.pop();
    const role = this.roles.pop();
    if (role === this.leaf && role !== ignored) {
      if (this.problem === null) this.fields[role] = this.text.trim();
      this.leaf = ignored;
    }
  }

  addText(text: string): void {
    if (this.leaf !== ignored) this.text += text;
  }

  malformed(reason: string): void {
    this.fail(`malformed XML: ${reason}`);
  }

  private fail(message: string): void {
    this.problem ??= message;
  }
}

import type { RawRecord } from "./records";

const done: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * Streams records produced in batches (one per chunk of input) one record at a time.
 * An async generator that yields each record costs several promise hops per record, a fifth of
 * the time of a large CSV import; here a record already read is handed out with a single
 * resolved promise, and only an empty buffer waits for the next batch.
 */
export function recordStream(batches: AsyncGenerator<RawRecord[], void, undefined>): AsyncGenerator<RawRecord, void, undefined> {
  return new RecordStream(batches);
}

class RecordStream implements AsyncGenerator<RawRecord, void, undefined> {
  private records: RawRecord[] = [];
  private index = 0;
  /** The pending wait for a batch; later calls queue behind it, as with an async generator. */
  private waiting: Promise<unknown> | null = null;

  constructor(private readonly batches: AsyncGenerator<RawRecord[], void, undefined>) {}

  next(): Promise<IteratorResult<RawRecord, void>> {
    if (this.waiting === null && this.index < this.records.length) {
      return Promise.resolve({ value: this.records[this.index++], done: false });
    }
    const result = (this.waiting ?? Promise.resolve()).then(() => this.nextFromBatches());
    const clear = () => {
      if (this.waiting === result) this.waiting = null;
    };
    this.waiting = result;
    result.then(clear, clear);
    return result;
  }

  async return(): Promise<IteratorResult<RawRecord, void>> {
    this.records = [];
    await this.batches.return();
    return done;
  }

  async throw(error: unknown): Promise<IteratorResult<RawRecord, void>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  private async nextFromBatches(): Promise<IteratorResult<RawRecord, void>> {
    while (this.index >= this.records.length) {
      const batch = await this.batches.next();
      if (batch.done) {
        this.records = [];
        return done;
      }
      this.records = batch.value;
      this.index = 0;
    }
    return { value: this.records[this.index++], done: false };
  }
}

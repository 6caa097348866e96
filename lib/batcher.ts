/**
 * Work items submitted while every slot is busy wait and then go together, as one call of
 * `apply`: for the ledger, one database transaction (group commit); for a lookup, one statement.
 * A lone item goes at once, so a quiet system adds no delay; a busy one pays the round trips and
 * statements once per group instead of once per item, which is most of a small item's cost.
 */
export class Batcher<Item, Outcome> {
  private readonly waiting: Array<{ item: Item; resolve: (outcome: Outcome) => void; reject: (error: unknown) => void }> = [];
  private running = 0;

  /**
   * `slots`: groups in flight at once. A few keep PostgreSQL and this process both busy on a
   * small machine; as many as callers would leave nobody waiting, and so no groups.
   */
  constructor(
    private readonly apply: (items: Item[]) => Promise<Outcome[]>,
    private readonly slots = 2,
    private readonly largestGroup = 100,
  ) {}

  submit(item: Item): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.startGroups();
    });
  }

  private startGroups(): void {
    while (this.running < this.slots && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.largestGroup);
      this.running++;
      void this.run(group).finally(() => {
        this.running--;
        this.startGroups();
      });
    }
  }

  /**
   * One batcher per `key` (a pool, say), made on first use: `apply` runs with the key it serves.
   */
  static per<Key extends object, Item, Outcome>(apply: (key: Key, items: Item[]) => Promise<Outcome[]>): (key: Key) => Batcher<Item, Outcome> {
    const batchers = new WeakMap<Key, Batcher<Item, Outcome>>();
    return (key) => {
      let batcher = batchers.get(key);
      if (!batcher) batchers.set(key, (batcher = new Batcher((items) => apply(key, items))));
      return batcher;
    };
  }

  /**
   * What failed a group (a bad item, say) must fail only its own caller: the group goes again as
   * two halves, one after the other, down to the item alone. One bad item among n costs about
   * 2·log2(n) more calls, and never more than one at a time.
   */
  private async run(group: typeof this.waiting): Promise<void> {
    try {
      const outcomes = await this.apply(group.map((entry) => entry.item));
      group.forEach((entry, i) => entry.resolve(outcomes[i]));
    } catch (error) {
      if (group.length === 1) return group[0].reject(error);
      const half = Math.ceil(group.length / 2);
      await this.run(group.slice(0, half));
      await this.run(group.slice(half));
    }
  }
}

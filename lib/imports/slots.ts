import { DomainError } from "@/lib/errors";

export type SlotLimits = { perUser: number; total: number };

/**
 * Imports in flight, counted in memory per server process: each instance protects its own pool,
 * which is what the limit is for, so a count shared through the database is not needed (with N
 * instances the cluster admits N times the total).
 */
export class ImportSlots {
  private readonly byUser = new Map<string, number>();
  private inFlight = 0;

  constructor(private readonly limits: SlotLimits) {}

  /** Takes a slot for the user or throws IMPORTS_BUSY; the returned function gives it back, once. */
  acquire(userId: string): () => void {
    const mine = this.byUser.get(userId) ?? 0;
    if (mine >= this.limits.perUser) {
      throw new ImportsBusyError(`You already have ${mine} imports in progress. Wait for one to finish, then try again.`);
    }
    if (this.inFlight >= this.limits.total) throw new ImportsBusyError("The server is busy with other imports. Try again in a moment.");
    this.byUser.set(userId, mine + 1);
    this.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      const left = (this.byUser.get(userId) ?? 1) - 1;
      if (left > 0) this.byUser.set(userId, left);
      else this.byUser.delete(userId);
    };
  }

  get active(): number {
    return this.inFlight;
  }
}

export class ImportsBusyError extends DomainError {
  /** Seconds a client should wait before trying again. */
  readonly retryAfterSeconds = 5;

  constructor(message: string) {
    super("IMPORTS_BUSY", message);
  }
}

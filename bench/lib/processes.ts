import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";

const clockTicks = 100;
const pageBytes = 4096;

function readProc(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** A process and all its descendants, from /proc (children are listed per thread). */
export function processTree(pid: number): number[] {
  const tree: number[] = [];
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let threads: string[];
    try {
      threads = readdirSync(`/proc/${current}/task`);
    } catch {
      continue;
    }
    tree.push(current);
    for (const thread of threads) {
      const children = readProc(`/proc/${current}/task/${thread}/children`);
      if (children) pending.push(...children.trim().split(/\s+/).filter(Boolean).map(Number));
    }
  }
  return tree;
}

/** Resident memory of a process tree, in bytes. */
export function treeRss(pid: number): number {
  let total = 0;
  for (const member of processTree(pid)) {
    // statm's second field is resident pages; cheaper to read than /proc/<pid>/status.
    const statm = readProc(`/proc/${member}/statm`);
    if (statm) total += Number(statm.split(" ")[1]) * pageBytes;
  }
  return total;
}

function processCpuTicks(pid: number): number | null {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return null;
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** User + system CPU time of a process tree, in seconds. */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  for (const member of processTree(pid)) ticks += processCpuTicks(member) ?? 0;
  return ticks / clockTicks;
}

/**
 * The CPU time a process tree spends from now until `stop`, sampled per process every
 * `intervalMs`, so processes that start and exit meanwhile (a client's backends) count too,
 * all but their last interval.
 */
export function meterCpu(pid: number, intervalMs = 200) {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = () => {
    for (const member of processTree(pid)) {
      const ticks = processCpuTicks(member);
      if (ticks === null) continue;
      // Started since the meter did: all its time counts.
      if (!first.has(member)) first.set(member, 0);
      last.set(member, ticks);
    }
  };
  for (const member of processTree(pid)) {
    const ticks = processCpuTicks(member);
    if (ticks !== null) first.set(member, ticks);
  }
  const timer = setInterval(sample, intervalMs);
  return {
    stop(): number {
      clearInterval(timer);
      sample();
      let ticks = 0;
      for (const [member, end] of last) ticks += end - (first.get(member) ?? end);
      return ticks / clockTicks;
    },
  };
}

/**
 * Samples a process tree's RSS every `intervalMs`. The baseline is the mean of the samples taken
 * before `markStart`, the peak the largest after it.
 */
export function sampleRss(pid: number, intervalMs = 50) {
  const before: number[] = [];
  let peak = 0;
  let measuring = false;
  let samples = 0;
  const sample = () => {
    const rss = treeRss(pid);
    samples++;
    if (measuring) peak = Math.max(peak, rss);
    else before.push(rss);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    markStart() {
      measuring = true;
      sample();
    },
    stop() {
      clearInterval(timer);
      sample();
      const baseline = before.reduce((sum, value) => sum + value, 0) / Math.max(1, before.length);
      return { baseline, peak, samples };
    },
  };
}


/**
 * Stops a child started with `detached: true` and everything it started: SIGTERM to its process
 * group, then SIGKILL to whatever of the group is left after `graceMs` or after the leader exits.
 */
export async function stopTree(child: ChildProcess, graceMs = 10_000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is gone.
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, "exit");
    signalGroup("SIGTERM");
    const timeout = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([exited, timeout]);
  }
  signalGroup("SIGKILL");
}

// Started by scripts/run.ts, which holds the write end of this process's stdin. When the runner
// dies, even by SIGKILL, the pipe closes and this stops what the runner started: the server's
// process group (SIGTERM, then SIGKILL after a while), then the embedded PostgreSQL (SIGINT, its
// fast and clean shutdown). A runner that stops them itself kills this first.
const [serverGroup, postmaster] = process.argv.slice(2).map(Number);
const stopTimeoutMs = 10_000;

const signal = (pid: number, name: NodeJS.Signals) => {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
};

/** A pid, or a process group as a negative pid, with any process left in it. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; alive(pid); ) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

process.stdin.on("end", async () => {
  signal(-serverGroup, "SIGTERM");
  if (!(await waitUntilGone(-serverGroup, stopTimeoutMs))) signal(-serverGroup, "SIGKILL");
  if (postmaster) {
    signal(postmaster, "SIGINT");
    await waitUntilGone(postmaster, 60_000);
  }
  process.exit(0);
});
process.stdin.resume();

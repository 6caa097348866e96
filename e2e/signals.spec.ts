import { expect, test } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { postmaster, startOwnServer, stopGroup } from "./own-server";

/** Every live process whose ancestry leads to `root` (itself included), from /proc. */
function tree(root: number): { pid: number; command: string }[] {
  const parents = new Map<number, number>();
  const commands = new Map<number, string>();
  for (const entry of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command may hold spaces and parentheses: the fields after its closing one are fixed.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (fields[0] === "Z") continue;
      parents.set(Number(entry), Number(fields[1]));
      commands.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " "));
    } catch {
      // Gone meanwhile.
    }
  }
  const inTree = (pid: number): boolean => pid === root || (parents.has(pid) && pid > 1 && inTree(parents.get(pid)!));
  return [...parents.keys()].filter(inTree).map((pid) => ({ pid, command: commands.get(pid)! }));
}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => (socket.destroy(), resolve(true)));
    socket.on("error", () => resolve(false));
  });

/** Which process of the tree gets the signal. */
const targets = {
  npm: (processes: { pid: number; command: string }[], npmPid: number) => npmPid,
  // Node itself, not the `sh -c` npm runs it through.
  "the runner": (processes: { pid: number; command: string }[]) => processes.find((p) => /^\S*node .*scripts\/run\.ts/.test(p.command))!.pid,
  "the Next server": (processes: { pid: number; command: string }[]) => processes.find((p) => p.command.includes("server.js") || p.command.startsWith("next-server"))!.pid,
};

test.describe("npm start stops as a whole", () => {
  test.describe.configure({ timeout: 150_000 });

  // SIGKILL can't be caught: the runner's orphan guard (scripts/orphan-guard.ts) stops the rest.
  const cases = [
    ...Object.entries(targets).map(([name, pick]) => ({ name, pick, signal: "SIGTERM" as const })),
    { name: "the runner", pick: targets["the runner"], signal: "SIGKILL" as const },
  ];
  for (const { name, pick, signal } of cases) {
    test(`${signal} to ${name} stops Next, the runner and the embedded PostgreSQL, cleanly`, async () => {
      const server = await startOwnServer(`signals-${signal}-${name.replace(/\W/g, "")}`);
      const processes = tree(server.npm.pid!);
      try {
        const database = postmaster(server.dataDir)!;
        expect(database, "the embedded PostgreSQL is up").toBeDefined();
        expect(processes.map((p) => p.pid)).toContain(database.pid);
        const target = pick(processes, server.npm.pid!);
        expect(target).toBeGreaterThan(0);
        process.kill(target, signal);

        await expect.poll(() => processes.filter((p) => tree(p.pid).length > 0).map((p) => p.command), { timeout: 20_000 }).toEqual([]);
        expect(await answers(database.port), "PostgreSQL's port no longer answers").toBe(false);
        expect(postmaster(server.dataDir), "a clean shutdown removes postmaster.pid").toBeUndefined();
        expect(await fetch(`${server.base}/api/health/ready`).then(() => "answered", () => "refused")).toBe("refused");
      } finally {
        stopGroup(server.npm);
        killAll(processes);
      }
    });
  }

  // What a supervisor (or a test's own clean-up) does: SIGKILL to npm's whole process group, which
  // holds the runner and the embedded PostgreSQL. The server runs in a group of its own.
  test("SIGKILL to npm's process group still stops the Next server", async () => {
    const server = await startOwnServer("signals-group-kill");
    const processes = tree(server.npm.pid!);
    try {
      const next = processes.find((p) => p.command.includes("server.js") || p.command.startsWith("next-server"))!;
      expect(next).toBeDefined();
      stopGroup(server.npm);
      await expect.poll(() => tree(next.pid).length, { timeout: 20_000 }).toBe(0);
      expect(await fetch(`${server.base}/api/health/ready`).then(() => "answered", () => "refused")).toBe("refused");
    } finally {
      killAll(processes);
    }
  });
});

function killAll(processes: { pid: number }[]): void {
  for (const { pid } of processes) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Stopped, as it should have.
    }
  }
}

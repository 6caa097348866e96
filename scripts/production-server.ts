// How this repository runs its production build, for the e2e server, the crash test and the
// benches: as the container runs it, `node .next/standalone/server.js`, not `next start`.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import path from "node:path";
import { isolatedStandalone, serverHookName } from "./standalone";

export type ProductionServerOptions = {
  port: number;
  /** The server's whole environment (configuration included); NODE_ENV and the address are set here. */
  env: NodeJS.ProcessEnv;
  /** Options for its Node process (a CPU profile, say). */
  nodeArgs?: string[];
  stdio?: StdioOptions;
  /** In its own process group, so the caller can stop or kill the whole tree. */
  detached?: boolean;
};

/**
 * Starts the current build's standalone server on 127.0.0.1:`port`, from a copy outside the
 * project (scripts/standalone.ts), assembled first if needed.
 */
export async function startProductionServer(options: ProductionServerOptions): Promise<ChildProcess> {
  const directory = await isolatedStandalone();
  return spawn(process.execPath, [...(options.nodeArgs ?? []), "--require", path.join(directory, serverHookName), path.join(directory, "server.js")], {
    env: { ...options.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(options.port), HOSTNAME: "127.0.0.1" },
    stdio: options.stdio ?? "inherit",
    detached: options.detached ?? false,
  });
}

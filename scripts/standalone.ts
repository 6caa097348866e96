// Completes Next's standalone output (.next/standalone) into everything production runs, in the
// container and in the e2e tests alike: the static assets and public/ that `next build` leaves
// out, and the one-shot migration (scripts/migrate.ts bundled, with the SQL files beside it), as
// the image carries no dev dependencies and no TypeScript runner. `tsx scripts/standalone.ts`
// runs it; `npm run build` does after `next build`.
import { createHash } from "node:crypto";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const built = path.join(root, ".next");
export const standaloneDir = path.join(built, "standalone");
/** Preloaded into server.js (`node --require ./server-hook.cjs server.js`): scripts/server-hook.ts. */
export const serverHookName = "server-hook.cjs";
/** Which build a directory holds, so a second server started on the same build skips the work. */
const markerName = ".assembled-build-id";

type Esbuild = { build(options: Record<string, unknown>): Promise<unknown> };

export async function assembleStandalone(): Promise<void> {
  if (!existsSync(path.join(standaloneDir, "server.js"))) throw new Error("No standalone build: run `next build` first (next.config.ts sets output: standalone).");
  copyFresh(path.join(built, "static"), path.join(standaloneDir, ".next", "static"));
  copyFresh(path.join(root, "public"), path.join(standaloneDir, "public"));
  copyFresh(path.join(root, "db", "migrations"), path.join(standaloneDir, "db", "migrations"));
  // tsx (a dependency) ships esbuild: the bundler comes with the runner the scripts already use.
  const requireFromTsx = createRequire(createRequire(import.meta.url).resolve("tsx/package.json"));
  const esbuild = (await import(pathToFileURL(requireFromTsx.resolve("esbuild")).href)) as Esbuild;
  await esbuild.build({
    entryPoints: [path.join(root, "scripts", "migrate.ts")],
    // Beside its migrations, where db/migrate.ts looks for them (import.meta.dirname).
    outfile: path.join(standaloneDir, "db", "migrate.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    tsconfig: path.join(root, "tsconfig.json"),
    // CommonJS packages inside an ES module bundle still call require() and read __dirname.
    banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url), __dirname = import.meta.dirname;' },
    logLevel: "warning",
  });
  // The request hook preloaded into server.js (scripts/server-hook.ts), CommonJS for --require.
  await esbuild.build({
    entryPoints: [path.join(root, "scripts", "server-hook.ts")],
    outfile: path.join(standaloneDir, serverHookName),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
  });
  writeFileSync(path.join(standaloneDir, markerName), buildId());
}

/**
 * The assembled output of the current build, copied outside this project: inside it, Node
 * would find a package the trace missed in the project's node_modules, and a server that
 * only works here would pass. The copy holds what the image holds, and nothing more.
 * Returns its directory; a copy of this build already there is reused.
 */
export async function isolatedStandalone(): Promise<string> {
  const id = buildId();
  const isolated = path.join(os.tmpdir(), `ledgerwatch-standalone-${createHash("sha256").update(root).digest("hex").slice(0, 12)}`);
  if (holds(isolated, id)) return isolated;
  if (!holds(standaloneDir, id)) await assembleStandalone();
  rmSync(isolated, { recursive: true, force: true });
  // Verbatim: the output's relative symlinks (.next/node_modules) must point into the copy.
  cpSync(standaloneDir, isolated, { recursive: true, verbatimSymlinks: true });
  return isolated;
}

const holds = (directory: string, id: string) => existsSync(path.join(directory, markerName)) && readFileSync(path.join(directory, markerName), "utf8") === id;

/** Next's build id, and what this script adds to it: a changed hook is assembled anew. */
function buildId(): string {
  const added = createHash("sha256");
  for (const file of ["scripts/standalone.ts", "scripts/server-hook.ts", "lib/http/forwarded.ts"]) added.update(readFileSync(path.join(root, file)));
  return `${readFileSync(path.join(built, "BUILD_ID"), "utf8").trim()}-${added.digest("hex").slice(0, 12)}`;
}

function copyFresh(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}

if (import.meta.filename === process.argv[1]) await assembleStandalone();

// npm leaves other platforms' optional native packages (@next/swc-darwin-arm64, ...) out of
// package-lock.json when the registry it uses doesn't serve them (this project's build machines
// use a mirror that holds only their own platform's), and `npm ci` then refuses the lock file
// as out of sync. This adds each missing entry, from the registry's metadata when it has it,
// else with the platform read from the package's name, so npm skips it on other platforms.
// Run it after changing dependencies.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

type LockEntry = Record<string, unknown> & { version?: string; optionalDependencies?: Record<string, string>; dev?: boolean };

const lockPath = path.resolve(import.meta.dirname, "..", "package-lock.json");
const lock = JSON.parse(readFileSync(lockPath, "utf8")) as { packages: Record<string, LockEntry> };

function resolves(fromPath: string, name: string): boolean {
  let dir = fromPath;
  while (true) {
    if (lock.packages[`${dir ? `${dir}/` : ""}node_modules/${name}`]) return true;
    if (!dir) return false;
    const parent = dir.lastIndexOf("/node_modules/");
    dir = parent === -1 ? "" : dir.slice(0, parent);
  }
}

type Metadata = { version: string; dist?: { integrity: string }; cpu?: string[]; os?: string[]; libc?: string[]; license?: string; engines?: Record<string, string> };

function registryMetadata(name: string, range: string): Metadata | null {
  try {
    const info = JSON.parse(execFileSync("npm", ["view", `${name}@${range}`, "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
    return Array.isArray(info) ? info.at(-1) : info;
  } catch {
    return null;
  }
}

const osNames = ["android", "darwin", "freebsd", "linux", "openharmony", "win32", "sunos", "netbsd", "openbsd", "aix"];
const cpuNames = ["arm64", "arm", "x64", "ia32", "loong64", "ppc64", "riscv64", "s390x", "wasm32", "mips64el"];

/** "@scope/pkg-linux-arm-gnueabihf" → os linux, cpu arm (the convention of native-binding packages). */
function platformFromName(name: string): Pick<Metadata, "os" | "cpu"> {
  const parts = name.split("/").at(-1)!.split("-");
  const os = parts.find((part) => osNames.includes(part));
  const cpu = parts.find((part) => cpuNames.includes(part));
  return { ...(os && { os: [os] }), ...(cpu && { cpu: [cpu] }) };
}

let added = 0;
for (const [entryPath, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(entryPath, name)) continue;
    const meta = registryMetadata(name, range) ?? { version: range, ...platformFromName(name) };
    lock.packages[`node_modules/${name}`] = {
      version: meta.version,
      ...(meta.dist && { integrity: meta.dist.integrity }),
      ...(meta.cpu && { cpu: meta.cpu }),
      ...(meta.os && { os: meta.os }),
      ...(meta.libc && { libc: meta.libc }),
      ...(meta.license && { license: meta.license }),
      ...(entry.dev && { dev: true }),
      optional: true,
      ...(meta.engines && { engines: meta.engines }),
    };
    added++;
    console.info(`added ${name}@${meta.version}`);
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + "\n");
console.info(`${added} missing optional packages added to package-lock.json`);

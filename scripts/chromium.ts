// Which Chromium the end-to-end tests drive, and (`tsx scripts/chromium.ts`, run by `npm test`) getting one
// when there is none: Playwright's own download where the network allows it, otherwise Debian's package
// through apt-get when running as root. playwright.config.ts asks findChromium() the same question.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const debianChromium = "/usr/bin/chromium";

/** The browser to launch: an executable path, or undefined for Playwright's own build. Null when there is none. */
export type FoundChromium = { executablePath: string | undefined; source: string } | null;

export function findChromium(): FoundChromium {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? { executablePath: configured, source: `CHROMIUM_PATH (${configured})` } : null;
  if (existsSync(debianChromium)) return { executablePath: debianChromium, source: `Debian's chromium (${debianChromium})` };
  if (existsSync(chromium.executablePath())) return { executablePath: undefined, source: `Playwright's Chromium (${chromium.executablePath()})` };
  return null;
}

function run(command: string, args: string[]): boolean {
  console.info(`$ ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
}

function installChromium(): void {
  console.info("No Chromium for the end-to-end tests: trying Playwright's download.");
  if (run("npx", ["playwright", "install", "chromium"]) && findChromium()) return;
  const asRoot = process.getuid?.() === 0;
  if (asRoot && existsSync("/usr/bin/apt-get")) {
    console.info("Playwright's download failed; installing Debian's chromium package with apt-get.");
    if (run("apt-get", ["-o", "Acquire::Retries=3", "update", "-qq"]) && run("apt-get", ["-o", "Acquire::Retries=3", "install", "-y", "-qq", "--no-install-recommends", "chromium"]) && findChromium()) return;
  }
  console.error(
    "Could not get a Chromium. Install one (Debian/Ubuntu: `sudo apt-get install chromium`; elsewhere `npx playwright install chromium`), or set CHROMIUM_PATH to a Chromium or Chrome executable.",
  );
  process.exit(1);
}

if (import.meta.filename === process.argv[1]) {
  if (process.env.CHROMIUM_PATH && !existsSync(process.env.CHROMIUM_PATH)) {
    console.error(`CHROMIUM_PATH is ${process.env.CHROMIUM_PATH}, which does not exist.`);
    process.exit(1);
  }
  const found = findChromium();
  if (found) console.info(`End-to-end tests use ${found.source}.`);
  else {
    installChromium();
    console.info(`End-to-end tests use ${findChromium()!.source}.`);
  }
}

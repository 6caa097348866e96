import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./scripts/chromium";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

// CHROMIUM_PATH, Debian's Chromium or Playwright's own (`npm test` gets one first: scripts/chromium.ts).
const executablePath = findChromium()?.executablePath;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    // Browsers report the machine's zone, which the app then shows times in: every spec is a viewer in São Paulo, the product's home, on any machine.
    timezoneId: "America/Sao_Paulo",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      // Chromium as root needs --no-sandbox; the rest keep it off a network these machines don't have.
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: /mobile\.spec\.ts/ },
    {
      name: "mobile",
      use: { ...devices["Desktop Chrome"], channel: undefined, viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true },
      testMatch: /mobile\.spec\.ts/,
    },
    // After everything else: the server's log of the whole run must hold no secret.
    { name: "logs", testMatch: /logs\.check\.ts/, dependencies: ["desktop", "mobile"] },
  ],
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `${baseURL}/login`,
    env: { PORT: String(port) },
    timeout: 120_000,
    reuseExistingServer: false,
    // The server log is long (a JSON line per request): it is kept in .data/e2e-server.log instead.
    stdout: "ignore",
    stderr: "pipe",
  },
});

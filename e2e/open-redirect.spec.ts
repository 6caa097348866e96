import { expect, test, type Browser, type Request } from "@playwright/test";
import http from "node:http";
import { openRedirectCorpus } from "../lib/auth/callback-url.corpus";
import { admin } from "./helpers";

/** Signed in through the real page in Chromium, one fresh browser context each. */
const throughThePage = [
  "/..//evil.example",
  "/%2e%2e//evil.example",
  "/.%2e//evil.example",
  "/a/../..//evil.example",
  "/.//evil.example",
  "///evil.example",
  "/\\evil.example",
  "/\t/evil.example",
  "/\r\n/evil.example",
  "/%2F%2Fevil.example",
  "/%5Cevil.example",
  "https://evil.example",
];

/** Whether the pathname a browser navigates to could be read as another host, now or decoded once. */
function readsAsAHost(pathname: string): boolean {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // Not decodable: only the pathname itself counts.
  }
  // The URL parser drops tabs and newlines, so a decoded one doesn't separate the slashes either.
  return [pathname, decoded.replace(/[\t\n\r]/g, "")].some((path) => /^\/[/\\]/.test(path));
}

/** A GET with the path exactly as given (a URL-based client would read `//evil.example` as a host), and its Location. */
function rawGet(base: string, path: string): Promise<{ status: number; location?: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const sent = http.get({ hostname, port, path, agent: false }, (response) => {
      response.resume();
      resolve({ status: response.statusCode!, location: response.headers.location });
    });
    sent.on("error", reject);
    sent.setTimeout(10_000, () => sent.destroy(new Error(`no answer for ${path}`)));
  });
}

/** Signs the admin in from /login?callbackUrl=…, and reports where the browser ended up and any request off this site. */
async function signInWithCallback(browser: Browser, appOrigin: string, callbackUrl: string) {
  const context = await browser.newContext();
  const offSite: string[] = [];
  let leftTheSite: () => void = () => {};
  const left = new Promise<void>((resolve) => (leftTheSite = resolve));
  await context.route("**/*", (route) => {
    if (new URL(route.request().url()).origin === appOrigin) return route.continue();
    offSite.push(route.request().url());
    leftTheSite();
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  await page.goto(`/login?${new URLSearchParams({ callbackUrl })}`);
  await page.getByLabel("Email or username").fill(admin.login);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await Promise.race([page.waitForURL((url) => url.origin === appOrigin && !url.pathname.startsWith("/login")), left]);
  const landed = new URL(page.url());
  await context.close();
  return { landed, offSite };
}

test.describe("the sign-in callback", () => {
  test.describe.configure({ timeout: 120_000 });

  test("never takes the browser off this site, whatever path it is given", async ({ browser, baseURL }) => {
    const appOrigin = new URL(baseURL!).origin;
    for (const callbackUrl of throughThePage) {
      const { landed, offSite } = await signInWithCallback(browser, appOrigin, callbackUrl);
      expect.soft(offSite, JSON.stringify(callbackUrl)).toEqual([]);
      expect.soft(landed.origin, JSON.stringify(callbackUrl)).toBe(appOrigin);
      expect.soft(readsAsAHost(landed.pathname), `${JSON.stringify(callbackUrl)} landed on ${landed.pathname}`).toBe(false);
    }
  });

  test("keeps a legitimate path through sign-in", async ({ browser, baseURL }) => {
    const appOrigin = new URL(baseURL!).origin;
    const { landed, offSite } = await signInWithCallback(browser, appOrigin, "/imports?page=2#x");
    expect(offSite).toEqual([]);
    expect(landed.pathname + landed.search + landed.hash).toBe("/imports?page=2#x");
  });

  test("the sign-in action's redirect stays on this site for every known bypass", async ({ page, request, baseURL }) => {
    const appOrigin = new URL(baseURL!).origin;
    const marker = "/open-redirect-probe";
    await page.goto(`/login?${new URLSearchParams({ callbackUrl: marker })}`);
    await page.getByLabel("Email or username").fill(admin.login);
    await page.getByLabel("Password").fill(admin.password);
    const [action] = await Promise.all([
      page.waitForRequest((candidate: Request) => candidate.method() === "POST" && Boolean(candidate.headers()["next-action"])),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    const body = action.postData()!;
    expect(body).toContain(marker);

    for (const callbackUrl of openRedirectCorpus) {
      const response = await request.post(action.url(), {
        headers: { "next-action": action.headers()["next-action"], "content-type": action.headers()["content-type"], accept: "text/x-component", origin: appOrigin },
        data: body.replace(marker, callbackUrl),
        maxRedirects: 0,
      });
      const what = JSON.stringify(callbackUrl);
      const redirect = response.headers()["x-action-redirect"];
      expect.soft(redirect, what).toBeDefined();
      if (!redirect) continue;
      // As Next's router reads it (assignLocation): resolved against the page, then navigated to by its path.
      const target = new URL(redirect.split(";")[0], `${appOrigin}/login`);
      expect.soft(target.origin, `${what} redirected to ${redirect}`).toBe(appOrigin);
      expect.soft(readsAsAHost(target.pathname), `${what} redirected to ${redirect}`).toBe(false);
    }
  });

  test("a signed-out visitor sent to sign in carries on only a path of this site", async ({ baseURL }) => {
    const callbackFor = async (path: string) => {
      const { status, location } = await rawGet(baseURL!, path);
      expect(status, path).toBe(307);
      const login = new URL(location!, baseURL);
      expect(login.pathname, path).toBe("/login");
      return login.searchParams.get("callbackUrl");
    };
    expect(await callbackFor("/imports?page=2")).toBe("/imports?page=2");
    // Next itself answers `//evil.example` with a redirect to `/evil.example`; these reach the proxy as they are.
    for (const path of ["/%2F%2Fevil.example", "/%5Cevil.example", "/%2F/evil.example", "/%5C%5Cevil.example/steal?x=1"]) {
      const callbackUrl = await callbackFor(path);
      expect.soft(callbackUrl === null || !readsAsAHost(callbackUrl), `${path} gave callbackUrl ${callbackUrl}`).toBe(true);
    }
  });
});

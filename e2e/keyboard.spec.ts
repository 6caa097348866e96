import { expect, test, type Locator, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { admin, createUserByApi, uniqueEmail } from "./helpers";

// Only the keyboard drives these forms: Tab, typing, Enter, Space and the arrow keys; never a click.

const { PAYMENT_PROVIDER_KEY: providerKey } = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", ".data", "e2e-server.json"), "utf8"));

/**
 * Notes how every element that can take focus looks without it, to tell later whether focus
 * changes how it looks. The label around a visually hidden input counts as the input.
 */
async function noteUnfocusedLooks(page: Page) {
  await page.evaluate(() => {
    const looks = new WeakMap<Element, string>();
    const look = (element: Element) => {
      const style = getComputedStyle(element);
      return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow, style.borderColor, style.backgroundColor].join("|");
    };
    for (const element of document.querySelectorAll("a, button, input, select, textarea, label, [tabindex]")) {
      if (element !== document.activeElement) looks.set(element, look(element));
    }
    Object.assign(window, { __unfocusedLooks: looks, __look: look });
  });
}

/** Whether the focused element shows it: an outline, or a ring, border or background that focus added. */
function focusedElementShowsFocus(page: Page) {
  return page.evaluate(() => {
    const { __unfocusedLooks: looks, __look: look } = window as unknown as { __unfocusedLooks: WeakMap<Element, string>; __look: (element: Element) => string };
    const focused = document.activeElement!;
    // A visually hidden input (a styled file chooser) shows its focus on its label, if anywhere.
    const seen = (element: Element | null): element is Element => element !== null && element.getBoundingClientRect().width > 2 && element.getBoundingClientRect().height > 2;
    const shown = [focused, focused.closest("label")].filter(seen);
    const visible = shown.some((element) => {
      const style = getComputedStyle(element);
      const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      return outlined || (looks.has(element) && looks.get(element) !== look(element));
    });
    const name = focused.getAttribute("aria-label") ?? (focused as HTMLElement).innerText?.trim().slice(0, 40) ?? "";
    return { visible, description: `<${focused.tagName.toLowerCase()}> ${name || (focused as HTMLInputElement).name}` };
  });
}

/**
 * Presses Tab until `target` has focus, checking that every control passed through shows its
 * focus; fails if `target` isn't reached within `limit` presses.
 */
async function tabTo(page: Page, target: Locator, limit = 40) {
  await noteUnfocusedLooks(page);
  const unseen: string[] = [];
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press("Tab");
    const focus = await focusedElementShowsFocus(page);
    if (!focus.visible) unseen.push(focus.description);
    if (await target.evaluate((element) => element === document.activeElement)) {
      expect(unseen, "controls whose focus can't be seen").toEqual([]);
      return;
    }
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Tabs from the top of the page past its last control: every control is reached and focus leaves the page (no trap). */
async function expectNoFocusTrap(page: Page) {
  const focusable = await page.evaluate(
    () =>
      [...document.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, [tabindex]")].filter(
        (element) => !element.matches(":disabled, [tabindex='-1'], [type='hidden']") && element.getClientRects().length > 0,
      ).length,
  );
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const visited = new Set<string>();
  for (let presses = 0; presses <= focusable + 1; presses++) {
    await page.keyboard.press("Tab");
    const left = await page.evaluate(() => document.activeElement === document.body || document.activeElement === null);
    if (left && visited.size > 0) break;
    visited.add(await page.evaluate(() => {
      const path: number[] = [];
      for (let element = document.activeElement; element?.parentElement; element = element.parentElement) {
        path.push([...element.parentElement.children].indexOf(element));
      }
      return path.join(".");
    }));
  }
  expect(visited.size, "controls reached by Tab before focus left the page").toBeGreaterThanOrEqual(focusable);
}

async function signInByKeyboard(page: Page, login: string, password: string) {
  await page.goto("/login");
  await expectNoFocusTrap(page);
  await page.goto("/login");
  await tabTo(page, page.getByLabel("Email or username"));
  await page.keyboard.type(login);
  await tabTo(page, page.getByLabel("Password"));
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

test("an admin signs in and creates a user with the keyboard alone", async ({ page }) => {
  await signInByKeyboard(page, admin.login, admin.password);
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto("/users");
  await expectNoFocusTrap(page);
  const form = page.getByRole("region", { name: "New user" });
  await tabTo(page, form.getByLabel("Name"), 80);
  await page.keyboard.type("Kim Keyboard");
  await tabTo(page, form.getByLabel("Email"));
  await page.keyboard.type(uniqueEmail("keyboard"));
  await tabTo(page, form.getByLabel("Role"));
  // Analyst is chosen first; the next option down is Customer.
  await page.keyboard.press("ArrowDown");
  await expect(form.getByLabel("Role")).toHaveValue("customer");
  await tabTo(page, form.getByRole("button", { name: "Create user" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("generated-password")).toHaveText(/^\d{6}$/);
});

test("an admin uploads a file with the keyboard alone", async ({ page }) => {
  await signInByKeyboard(page, admin.login, admin.password);
  await page.goto("/imports/new");
  await expectNoFocusTrap(page);
  await page.goto("/imports/new");
  const fileInput = page.getByLabel("Transactions file");
  await tabTo(page, fileInput);
  // Space on the focused file input opens the system's file chooser; the test answers it as a person would.
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Space")]);
  const name = `keyboard-${randomUUID().slice(0, 8)}.csv`;
  await chooser.setFiles({ name, mimeType: "text/csv", buffer: Buffer.from("BANCO ALFA,0001,10000-1,BANCO BETA,0002,20000-2,10.00,2019-06-03T10:00:00\n") });
  await tabTo(page, page.getByRole("button", { name: "Import" }));
  await page.keyboard.press("Enter");
  const result = page.getByRole("region", { name: "Import result" });
  await expect(result.getByRole("heading", { name: `Imported ${name}` })).toBeVisible();
});

test("a customer reviews and confirms a transfer with the keyboard alone", async ({ page, request }) => {
  const email = uniqueEmail("keyboard-customer");
  const recipient = uniqueEmail("keyboard-recipient");
  const password = await createUserByApi(request, { name: "Kai Keys", email, role: "customer" });
  await createUserByApi(request, { name: "Rita Receives", email: recipient, role: "customer" });
  const { token } = await (await request.post("/api/v1/auth/token", { data: { login: email, password } })).json();
  const { data: wallets } = await (await request.get("/api/v1/wallets", { headers: { authorization: `Bearer ${token}` } })).json();
  const deposit = await request.post("/api/v1/provider/deposits", {
    headers: { authorization: `Bearer ${providerKey}`, "idempotency-key": randomUUID() },
    data: { accountNumber: wallets[0].accountNumber, amount: "50.00", currency: "BRL", reference: `keyboard-${randomUUID()}` },
  });
  expect(deposit.status()).toBe(201);

  await signInByKeyboard(page, email, password);
  await page.goto("/wallet/send");
  await expectNoFocusTrap(page);
  await page.goto("/wallet/send");
  await tabTo(page, page.getByLabel("To (email or account number)"));
  await page.keyboard.type(recipient);
  await tabTo(page, page.getByLabel("Amount (BRL)"));
  await page.keyboard.type("7.25");
  await tabTo(page, page.getByRole("button", { name: "Review" }));
  await page.keyboard.press("Enter");

  const review = page.getByRole("region", { name: "Check and confirm" });
  await expect(review).toContainText("You send7.25 BRL");
  await tabTo(page, page.getByRole("button", { name: "Confirm and send" }));
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/\/wallet\/transfers\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("receipt-amount")).toHaveText("7.25 BRL");
});

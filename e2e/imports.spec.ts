import { expect, test } from "@playwright/test";
import { challengeFile, challengeFilePath, type ChallengeFileName } from "../test/fixtures/challenge";
import { admin, formAlert, signIn } from "./helpers";


test.beforeEach(async ({ page }) => {
  await signIn(page, admin.login, admin.password);
});

async function uploadThroughPage(page: import("@playwright/test").Page, file: ChallengeFileName | { name: string; mimeType: string; buffer: Buffer }) {
  await page.goto("/imports/new");
  await page.getByLabel("Transactions file").setInputFiles(typeof file === "string" ? challengeFilePath(file) : file);
  await page.getByRole("button", { name: "Import" }).click();
}

test("an analyst uploads the CSV and XML samples and sees the summary, the history and the detail", async ({ page }) => {
  await uploadThroughPage(page, "transacoes-2022-01-01.csv");
  const result = page.getByRole("region", { name: "Import result" });
  await expect(result.getByRole("heading", { name: "Imported transacoes-2022-01-01.csv" })).toBeVisible();
  await expect(result.locator("dd").nth(0)).toHaveText("2022-01-01");
  await expect(result.locator("dd").nth(1)).toHaveText("10");

  await uploadThroughPage(page, "transacoes-2022-01-02.xml");
  await expect(result.getByRole("heading", { name: "Imported transacoes-2022-01-02.xml" })).toBeVisible();
  await expect(result.locator("dd").nth(1)).toHaveText("10");

  await page.goto("/imports");
  // Newest day first (other specs import later days), with who imported it and the counts.
  const dates = await page.getByRole("row").locator("td:first-child").allTextContents();
  expect(dates).toEqual([...dates].sort().reverse());
  const xmlRow = page.getByRole("row").filter({ hasText: "transacoes-2022-01-02.xml" });
  await expect(xmlRow).toContainText("2022-01-02");
  await expect(xmlRow).toContainText("Administrator");
  expect(dates.indexOf("2022-01-02")).toBe(dates.indexOf("2022-01-01") - 1);

  await page.getByRole("link", { name: "2022-01-01" }).click();
  await expect(page.getByRole("heading", { name: "Transactions of 2022-01-01" })).toBeVisible();
  await expect(page.getByText("imported by Administrator")).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "79800.22" }) });
  await expect(row).toContainText("BANCO SANTANDER / 0001 / 00002-1");
  await expect(row).toContainText("BANCO BRADESCO / 0001 / 00001-1");
  await expect(row).toContainText("2022-01-01T08:44:00");
  await expect(page.getByRole("row")).toHaveCount(11);
});

test("a second file for a day already imported is refused with a clear message", async ({ page }) => {
  await uploadThroughPage(page, "exemplo.csv");
  await expect(formAlert(page)).toContainText("Transactions of 2022-01-01 were already imported");
});

test("the summary lists the ignored lines with their reasons", async ({ page }) => {
  const shifted = challengeFile("exemplo.csv").toString("utf8").replaceAll("2022-01-", "2021-06-");
  await uploadThroughPage(page, { name: "exemplo-2021.csv", mimeType: "text/csv", buffer: Buffer.from(shifted) });
  const result = page.getByRole("region", { name: "Import result" });
  await expect(result.locator("dd").nth(1)).toHaveText("6");
  await expect(result.getByText(/^Line 4: /)).toBeVisible();
  await expect(result.getByText(/^Line 6: .*2021-06-03/)).toBeVisible();
  await expect(result.getByText(/^Line 9: /)).toBeVisible();
  await expect(result.getByText(/^Line 10: .*destination account/)).toBeVisible();
});

test("an empty file is refused with a clear message", async ({ page }) => {
  await uploadThroughPage(page, { name: "empty.csv", mimeType: "text/csv", buffer: Buffer.from("\uFEFF\n  \n") });
  await expect(formAlert(page)).toContainText("empty");
});

test("the imports API takes a file as the body and answers the summary", async ({ request }) => {
  const { token } = await (await request.post("/api/v1/auth/token", { data: admin })).json();
  const headers = { authorization: `Bearer ${token}` };
  const body = "BANCO A,0001,00001-1,BANCO B,0002,00002-2,100000.00,2021-07-01T10:00:00\nBANCO A,0001,00001-1,BANCO B,0002,,1,2021-07-01T11:00:00\n";
  const created = await request.post("/api/v1/imports?filename=api.csv", { headers: { ...headers, "content-type": "text/csv" }, data: body });
  expect(created.status()).toBe(201);
  const summary = await created.json();
  expect(summary).toMatchObject({ fileName: "api.csv", transactionsDate: "2021-07-01", imported: 1, ignored: [{ line: 2 }] });

  const again = await request.post("/api/v1/imports", {
    headers: { ...headers, "content-type": "text/csv", "content-disposition": 'attachment; filename="again.csv"' },
    data: body,
  });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.code).toBe("DATE_ALREADY_IMPORTED");

  const unsupported = await request.post("/api/v1/imports?filename=x.json", { headers: { ...headers, "content-type": "application/json" }, data: "{}" });
  expect(unsupported.status()).toBe(415);
  expect((await unsupported.json()).error.code).toBe("UNSUPPORTED_FORMAT");

  const empty = await request.post("/api/v1/imports?filename=e.csv", { headers: { ...headers, "content-type": "text/csv" }, data: " " });
  expect(empty.status()).toBe(422);
  expect((await empty.json()).error.code).toBe("EMPTY_FILE");

  const detail = await (await request.get(`/api/v1/imports/${summary.id}`, { headers })).json();
  expect(detail.transactions.data).toEqual([
    {
      origin: { bank: "BANCO A", branch: "0001", account: "00001-1" },
      destination: { bank: "BANCO B", branch: "0002", account: "00002-2" },
      amount: "100000.00",
      currency: "BRL",
      dateTime: "2021-07-01T10:00:00",
    },
  ]);
  const list = await (await request.get("/api/v1/imports", { headers })).json();
  expect(list.data.map((item: { transactionsDate: string }) => item.transactionsDate)).toContain("2021-07-01");

  // Customers can't import.
  expect((await request.post("/api/v1/imports", { data: body })).status()).toBe(401);
});

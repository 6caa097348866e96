import { describe, expect, it } from "vitest";
import { daysOf, monthLabel, monthOf, monthRange, monthSchema, previousMonth } from "./month";

describe("monthRange", () => {
  it.each([
    ["2022-01", "2022-01-01", "2022-02-01"],
    ["2022-09", "2022-09-01", "2022-10-01"],
    ["2022-11", "2022-11-01", "2022-12-01"],
    // December ends at January of the next year.
    ["2022-12", "2022-12-01", "2023-01-01"],
    ["1999-12", "1999-12-01", "2000-01-01"],
  ])("%s is [%s, %s)", (month, start, end) => {
    expect(monthRange(month)).toEqual({ start, end });
  });
});

describe("previousMonth", () => {
  it.each([
    ["2022-03", "2022-02"],
    ["2022-10", "2022-09"],
    ["2022-11", "2022-10"],
    // January goes back to December of the year before.
    ["2022-01", "2021-12"],
    ["2000-01", "1999-12"],
  ])("before %s is %s", (month, previous) => {
    expect(previousMonth(month)).toBe(previous);
  });

  it("walks back a whole year month by month, and monthRange walks forward again", () => {
    const months = ["2023-01"];
    for (let i = 0; i < 12; i++) months.push(previousMonth(months[months.length - 1]));
    expect(months).toEqual([
      "2023-01", "2022-12", "2022-11", "2022-10", "2022-09", "2022-08", "2022-07",
      "2022-06", "2022-05", "2022-04", "2022-03", "2022-02", "2022-01",
    ]);
    for (let i = 1; i < months.length; i++) {
      expect(monthRange(months[i]).end).toBe(`${months[i - 1]}-01`);
      expect(monthSchema.safeParse(months[i]).success).toBe(true);
    }
  });
});

describe("daysOf", () => {
  it.each([
    ["2022-01", 31],
    ["2022-04", 30],
    ["2022-02", 28],
    // Leap years: every 4th, not every 100th, but every 400th.
    ["2024-02", 29],
    ["2000-02", 29],
    ["1900-02", 28],
    ["2100-02", 28],
    ["2022-12", 31],
  ])("%s has %i days", (month, count) => {
    const days = daysOf(month);
    expect(days).toHaveLength(count);
    expect(days[0]).toBe(`${month}-01`);
    expect(days[days.length - 1]).toBe(`${month}-${count}`);
  });

  it("lists the days in order, zero-padded, all inside monthRange", () => {
    const days = daysOf("2024-02");
    expect(days.slice(0, 10)).toEqual([
      "2024-02-01", "2024-02-02", "2024-02-03", "2024-02-04", "2024-02-05",
      "2024-02-06", "2024-02-07", "2024-02-08", "2024-02-09", "2024-02-10",
    ]);
    const { start, end } = monthRange("2024-02");
    for (const day of days) {
      expect(day >= start && day < end).toBe(true);
      expect(monthOf(day)).toBe("2024-02");
    }
    expect([...days].sort()).toEqual(days);
  });
});

describe("monthLabel", () => {
  it.each([
    ["2022-01", "January 2022"],
    ["2022-02", "February 2022"],
    ["2022-09", "September 2022"],
    ["2022-12", "December 2022"],
  ])("%s is %s", (month, label) => {
    expect(monthLabel(month)).toBe(label);
  });
});

describe("monthOf", () => {
  it("takes the month of a date or a date-time", () => {
    expect(monthOf("2022-01-31")).toBe("2022-01");
    expect(monthOf("2022-12-31T23:59:59")).toBe("2022-12");
  });
});

describe("monthSchema", () => {
  it.each(["2022-01", "2022-12", "1999-10", "0001-01"])("accepts %s", (month) => {
    expect(monthSchema.parse(month)).toBe(month);
  });

  it.each(["2022-13", "2022-00", "22-01", "2022-1", "2022/01", "2022-01-01", " 2022-01", "2022-01 ", "", "abcd-ef", "２０２２-01"])(
    "refuses %j with a message",
    (month) => {
      const result = monthSchema.safeParse(month);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toBe("Give the month as YYYY-MM, for example 2022-01.");
    },
  );

  it("refuses what is not a string", () => {
    expect(monthSchema.safeParse(202201).success).toBe(false);
    expect(monthSchema.safeParse(undefined).success).toBe(false);
  });
});

// The importer accepts any year from 0001 to 9999, and monthSchema accepts such months, so the
// helpers must keep the four-digit year: "999-12" is not a month monthSchema (or PostgreSQL's
// YYYY-MM-DD) reads back.
describe("years before 1000", () => {
  it("daysOf still counts leap days (Date.UTC maps years 0-99 to 1900-1999)", () => {
    expect(daysOf("0004-02")).toHaveLength(29);
    expect(daysOf("0001-02")).toHaveLength(28);
    expect(daysOf("0100-02")).toHaveLength(28);
    expect(daysOf("0400-02")).toHaveLength(29);
  });

  it("previousMonth and monthRange keep the year four digits long (fails: they drop the leading zeros)", () => {
    expect(previousMonth("1000-01")).toBe("0999-12");
    expect(previousMonth("0100-01")).toBe("0099-12");
    expect(monthRange("0999-12")).toEqual({ start: "0999-12-01", end: "1000-01-01" });
    expect(monthRange("0099-12")).toEqual({ start: "0099-12-01", end: "0100-01-01" });
    expect(monthSchema.safeParse(previousMonth("1000-01")).success).toBe(true);
  });
});

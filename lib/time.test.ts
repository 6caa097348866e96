import { describe, expect, it } from "vitest";
import { dayRange, defaultTimeZone, formatDate, formatDateTime, formatStaffTime, localDateTime, startOfDay, timeZoneOrDefault, timeZoneSchema } from "./time";

// 21:30:05 UTC on 4 December 2026: 18:30 in São Paulo (UTC-3), already 06:30 on the 5th in Tokyo (UTC+9).
const instant = new Date("2026-12-04T21:30:05Z");

describe("formatting a time in a zone", () => {
  it("shows São Paulo's time, three hours behind UTC, with the zone", () => {
    expect(formatDateTime(instant, "America/Sao_Paulo")).toBe("4 Dec 2026, 18:30 GMT-3");
    expect(formatDate(instant, "America/Sao_Paulo")).toBe("4 Dec 2026");
    expect(formatStaffTime(instant, "America/Sao_Paulo")).toBe("2026-12-04 18:30 GMT-3");
    expect(formatStaffTime(instant, "America/Sao_Paulo", { seconds: true })).toBe("2026-12-04 18:30:05 GMT-3");
    expect(localDateTime(instant, "America/Sao_Paulo")).toBe("2026-12-04 18:30");
  });

  it("shows Tokyo's, nine hours ahead and on the next day", () => {
    expect(formatDateTime(instant, "Asia/Tokyo")).toBe("5 Dec 2026, 06:30 GMT+9");
    expect(formatDate(instant, "Asia/Tokyo")).toBe("5 Dec 2026");
    expect(formatStaffTime(instant, "Asia/Tokyo")).toBe("2026-12-05 06:30 GMT+9");
    expect(localDateTime(instant, "Asia/Tokyo")).toBe("2026-12-05 06:30");
  });

  it("says UTC only when the zone is UTC", () => {
    expect(formatDateTime(instant, "UTC")).toBe("4 Dec 2026, 21:30 UTC");
  });

  it("writes midnight as 00:00, not 24:00", () => {
    expect(localDateTime(new Date("2026-12-04T03:00:00Z"), "America/Sao_Paulo")).toBe("2026-12-04 00:00");
  });
});

describe("timeZoneSchema", () => {
  it("takes an IANA zone, by its canonical name", () => {
    expect(timeZoneSchema.parse("Asia/Tokyo")).toBe("Asia/Tokyo");
    expect(timeZoneSchema.parse("UTC")).toBe("UTC");
    // An alias a browser may report, as the runtime names it.
    expect(timeZoneSchema.parse("Etc/UTC")).toBe("UTC");
    expect(timeZoneSchema.parse("US/Eastern")).toBe("America/New_York");
  });

  it("refuses what isn't a zone, and an offset, which PostgreSQL would read with the opposite sign", () => {
    for (const name of ["Mars/Olympus_Mons", "", "+03:00", "-03", "America/Sao_Paulo; drop table users"]) {
      expect(timeZoneSchema.safeParse(name).success, name).toBe(false);
    }
  });

  it("falls back to São Paulo's zone for a missing or invalid one", () => {
    expect(defaultTimeZone).toBe("America/Sao_Paulo");
    expect(timeZoneOrDefault(undefined)).toBe("America/Sao_Paulo");
    expect(timeZoneOrDefault("Mars/Olympus_Mons")).toBe("America/Sao_Paulo");
    expect(timeZoneOrDefault("Asia/Tokyo")).toBe("Asia/Tokyo");
  });
});

describe("days in a zone", () => {
  it("starts a day at the zone's midnight", () => {
    expect(startOfDay("2026-12-04", "America/Sao_Paulo").toISOString()).toBe("2026-12-04T03:00:00.000Z");
    expect(startOfDay("2026-12-04", "Asia/Tokyo").toISOString()).toBe("2026-12-03T15:00:00.000Z");
    expect(startOfDay("2026-12-04", "UTC").toISOString()).toBe("2026-12-04T00:00:00.000Z");
  });

  it("starts a day whose midnight daylight saving skipped at the change", () => {
    // São Paulo's clocks went from 00:00 to 01:00 on 4 November 2018, and back from 00:00 to 23:00 on 17 February 2019.
    expect(startOfDay("2018-11-04", "America/Sao_Paulo").toISOString()).toBe("2018-11-04T03:00:00.000Z");
    expect(startOfDay("2019-02-17", "America/Sao_Paulo").toISOString()).toBe("2019-02-17T03:00:00.000Z");
  });

  it("turns a range of whole days into instants, the last day included", () => {
    expect(dayRange({ from: "2026-12-01", to: "2026-12-31" }, "America/Sao_Paulo")).toEqual({
      start: new Date("2026-12-01T03:00:00Z"),
      end: new Date("2027-01-01T03:00:00Z"),
    });
    expect(dayRange({ to: "2026-12-04" }, "Asia/Tokyo")).toEqual({ start: undefined, end: new Date("2026-12-04T15:00:00Z") });
    expect(dayRange({}, "Asia/Tokyo")).toEqual({ start: undefined, end: undefined });
  });
});

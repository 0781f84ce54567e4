import { describe, expect, it } from "vitest";
import { auditLogCsvUrl, auditLogFilter, emptyAuditLogForm } from "./audit-log-filter";

describe("audit log filter", () => {
  it("leaves out empty fields and trims the others", () => {
    expect(auditLogFilter(emptyAuditLogForm)).toEqual({});
    expect(auditLogFilter({ ...emptyAuditLogForm, action: " user. ", targetId: "  " })).toEqual({
      action: "user.",
    });
  });

  it("turns the days into instants in the browser's zone, the 'to' day inclusive", () => {
    const filter = auditLogFilter({ ...emptyAuditLogForm, fromDate: "2026-03-01", toDate: "2026-03-31" });
    expect(filter.from).toBe(new Date(2026, 2, 1).toISOString());
    expect(filter.to).toBe(new Date(2026, 3, 1).toISOString());
  });

  it("ignores a malformed day", () => {
    expect(auditLogFilter({ ...emptyAuditLogForm, fromDate: "yesterday" })).toEqual({});
  });

  it("builds the CSV link with the same filter", () => {
    expect(auditLogCsvUrl(emptyAuditLogForm)).toBe("/audit-log.csv");
    const url = new URL(
      auditLogCsvUrl({ ...emptyAuditLogForm, action: "user.", actorId: "usr_1", fromDate: "2026-01-02" }),
      "http://portal.test",
    );
    expect(url.pathname).toBe("/audit-log.csv");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      action: "user.",
      actorId: "usr_1",
      from: new Date(2026, 0, 2).toISOString(),
    });
  });
});

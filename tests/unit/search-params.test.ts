// The one reader of a list's filters (lib/validations/search-params.ts), with the lists' own schemas:
// the page and its export must read the same query the same way, whatever the query holds.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { impersonationExportSchema, impersonationFiltersSchema } from "@/lib/validations/impersonation";
import { itemFiltersSchema } from "@/lib/validations/items";
import { peopleFiltersSchema } from "@/lib/validations/people";
import { readSearchParams } from "@/lib/validations/search-params";
import { adminTimelineFiltersSchema } from "@/lib/validations/timeline";

const PROTOTYPE_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "__defineGetter__"];

/** A list whose page number has a default, so a missing or bad one shows what falls back. */
const paged = z.object({
  page: z.coerce.number().int().min(1, "Pages start at 1.").default(1),
  q: z.string().max(5, "Too long.").optional(),
});

describe("reading a list's filters from the query string", () => {
  it("gives a missing filter its default, and an empty one (a form's blank field) counts as missing", () => {
    expect(readSearchParams(paged, new URLSearchParams())).toEqual({ filters: { page: 1 }, problems: {} });
    expect(readSearchParams(paged, {})).toEqual({ filters: { page: 1 }, problems: {} });
    expect(readSearchParams(paged, new URLSearchParams("page=&q="))).toEqual({ filters: { page: 1 }, problems: {} });
    expect(readSearchParams(impersonationFiltersSchema, { status: "", from: "", actor: "" })).toEqual({ filters: {}, problems: {} });
  });

  it("falls back to the default for a value that does not parse, and names it with its message", () => {
    expect(readSearchParams(paged, new URLSearchParams("page=abc&q=fine"))).toEqual({
      filters: { page: 1, q: "fine" },
      problems: { page: [expect.any(String)] },
    });
    expect(readSearchParams(paged, { page: "0", q: "far too long" })).toEqual({ filters: { page: 1 }, problems: { page: ["Pages start at 1."], q: ["Too long."] } });
    const { filters, problems } = readSearchParams(impersonationFiltersSchema, { status: "maybe", from: "2026-02-31", to: "2026-03-01", actor: "Gina" });
    expect(filters).toEqual({ actor: "gina", to: "2026-03-01" });
    expect(problems).toEqual({ status: [expect.any(String)], from: ["Use a real date."] });
  });

  it("takes the first of a repeated parameter, from a URL as from a page's record", () => {
    expect(readSearchParams(paged, new URLSearchParams("q=one&q=two&page=3&page=x")).filters).toEqual({ page: 3, q: "one" });
    expect(readSearchParams(paged, { q: ["one", "two"], page: ["3", "x"] }).filters).toEqual({ page: 3, q: "one" });
    // The first is the one read, even when a later one would have parsed.
    expect(readSearchParams(impersonationFiltersSchema, new URLSearchParams("status=bogus&status=active"))).toEqual({
      filters: {},
      problems: { status: [expect.any(String)] },
    });
  });

  it("reads a URL and the same query as a page's record alike (a page and its export agree)", () => {
    const query = "status=ended&actor=GINA&target=&from=2026-03-10&to=nope&endReason=INACTIVITY&after=abc_-1&format=csv&unknown=1";
    const record: Record<string, string | string[]> = {};
    for (const [key, value] of new URLSearchParams(query)) record[key] = value;
    expect(readSearchParams(impersonationFiltersSchema, new URLSearchParams(query))).toEqual(readSearchParams(impersonationFiltersSchema, record));
    expect(readSearchParams(impersonationFiltersSchema, record)).toEqual({
      filters: { status: "ended", actor: "gina", from: "2026-03-10", endReason: "INACTIVITY", after: "abc_-1" },
      problems: { to: ["Use a date like 2026-11-28.", "Use a real date."] },
    });
    expect(readSearchParams(impersonationExportSchema, new URLSearchParams(query))).toEqual({
      filters: { format: "csv", status: "ended", actor: "gina", from: "2026-03-10", endReason: "INACTIVITY" },
      problems: { to: ["Use a date like 2026-11-28.", "Use a real date."] },
    });
  });

  it("names a missing or unknown export format, so the export can refuse it with the reason", () => {
    expect(readSearchParams(impersonationExportSchema, new URLSearchParams("status=active")).problems).toEqual({ format: ["Choose format=csv or format=json."] });
    expect(readSearchParams(impersonationExportSchema, new URLSearchParams("format=xml")).problems).toEqual({ format: ["Choose format=csv or format=json."] });
  });

  it.each(PROTOTYPE_KEYS)("reads no filter from a parameter named %s, nor from a record's prototype", (key) => {
    const url = new URLSearchParams(`${key}=a&${key}=b&q=ok`);
    // As a page's record: the name as an own key (JSON.parse defines it, as Next's record does).
    const record = JSON.parse(`{${JSON.stringify(key)}: ["a", "b"], "q": "ok"}`) as Record<string, string[] | string>;
    for (const input of [url, record]) {
      const { filters, problems } = readSearchParams(paged, input);
      expect(filters).toEqual({ page: 1, q: "ok" });
      expect(Object.getPrototypeOf(filters)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(problems)).toBe(Object.prototype);
      expect(Object.keys(problems)).toEqual([]);
    }
    // A filter named like the prototype's own keys is only ever the query's value, never inherited.
    const named = z.object({ [key]: z.string().optional() });
    expect(readSearchParams(named, {})).toEqual({ filters: {}, problems: {} });
    expect(readSearchParams(named, new URLSearchParams())).toEqual({ filters: {}, problems: {} });
    // And a prototype name as a value is a value like any other: text where text goes, refused by an enum.
    expect(readSearchParams(peopleFiltersSchema, { q: key }).filters).toEqual({ q: key });
    expect(Object.keys(readSearchParams(impersonationFiltersSchema, { status: key, endReason: key }).problems)).toEqual(["status", "endReason"]);
  });

  it("never reads an inherited parameter from a record", () => {
    const inherited = Object.create({ q: "from the prototype", page: "9" }) as Record<string, string>;
    expect(readSearchParams(paged, inherited)).toEqual({ filters: { page: 1 }, problems: {} });
  });
});

describe("the lists' filters", () => {
  it("People: search and Location trimmed, a malformed one or a bad cursor dropped without complaint", () => {
    expect(readSearchParams(peopleFiltersSchema, { q: "  jane ", location: "loc_1", after: "abc-_1" })).toEqual({
      filters: { q: "jane", location: "loc_1", after: "abc-_1" },
      problems: {},
    });
    expect(readSearchParams(peopleFiltersSchema, { q: "x".repeat(101), after: "not base64url!", before: "a\u0000" })).toEqual({ filters: {}, problems: {} });
  });

  it("Admin Timeline: only an Admin Timeline event type filters", () => {
    expect(readSearchParams(adminTimelineFiltersSchema, { type: "user.created", who: " gina ", subject: "jane" }).filters).toEqual({
      type: "user.created",
      who: "gina",
      subject: "jane",
    });
    for (const type of ["item.created", "no.such.event", "__proto__", "toString"]) {
      expect(readSearchParams(adminTimelineFiltersSchema, { type }), type).toEqual({ filters: {}, problems: {} });
    }
  });

  it("Items: a status that is not one is ignored, the rest kept", () => {
    expect(readSearchParams(itemFiltersSchema, new URLSearchParams("status=NOPE&q=%20rota%20&assignee=me"))).toEqual({
      filters: { q: "rota", assignee: "me" },
      problems: {},
    });
  });
});

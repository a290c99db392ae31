// Which cookies count as the session's, and when two of one name refuse a request. On HTTPS only
// the `__Host-` names are read, so only they count: the plain names are what a sibling subdomain can
// plant (Domain=example.com), and planting two of them must not lock anyone out.
import { describe, expect, it } from "vitest";
import { cookieNames, duplicatedCookie } from "@/lib/auth/edge/cookies";

const https = cookieNames(true);
const http = cookieNames(false);

describe("cookie names", () => {
  it("are __Host- on HTTPS and plain on HTTP", () => {
    expect(https.session).toBe("__Host-authjs.session-token");
    expect(http.session).toBe("authjs.session-token");
  });
});

describe("duplicatedCookie on HTTPS", () => {
  it.each([https.session, https.activity, https.request])("refuses %s twice", (name) => {
    expect(duplicatedCookie(`${name}=a; other=1; ${name}=b`, true)).toBe(name);
  });

  it("refuses a chunk of the session cookie twice, but not two different chunks", () => {
    expect(duplicatedCookie(`${https.session}.0=a; ${https.session}.0=b`, true)).toBe(`${https.session}.0`);
    expect(duplicatedCookie(`${https.session}.0=a; ${https.session}.1=b`, true)).toBeNull();
  });

  it.each([http.session, http.activity, http.request])("ignores %s planted twice beside the real __Host- cookies", (name) => {
    const real = `${https.session}=real; ${https.activity}=stamp`;
    expect(duplicatedCookie(`${real}; ${name}=planted-1; ${name}=planted-2`, true)).toBeNull();
    expect(duplicatedCookie(`${name}=planted-1; ${real}; ${name}=planted-2`, true)).toBeNull();
  });

  it("ignores a plain name beside its __Host- twin", () => {
    expect(duplicatedCookie(`${https.session}=real; ${http.session}=planted`, true)).toBeNull();
  });
});

describe("duplicatedCookie on HTTP", () => {
  it.each([http.session, http.activity, http.request])("refuses %s twice", (name) => {
    expect(duplicatedCookie(`${name}=a; ${name}=b`, false)).toBe(name);
  });

  it("ignores __Host- names, which are not read over HTTP", () => {
    expect(duplicatedCookie(`${https.session}=a; ${https.session}=b; ${http.session}=real`, false)).toBeNull();
  });

  it("finds nothing in an empty or missing header", () => {
    expect(duplicatedCookie("", false)).toBeNull();
    expect(duplicatedCookie(undefined, true)).toBeNull();
  });
});

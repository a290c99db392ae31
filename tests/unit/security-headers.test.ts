// The headers the middleware adds: the Content-Security-Policy (a fresh nonce each time, passed on to
// the page Next renders) and HSTS on HTTPS only — on real NextRequest / NextResponse objects.
import { NextRequest, NextResponse } from "next/server";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, policySettings, STRICT_TRANSPORT_SECURITY, withSecurityHeaders } from "@/lib/auth/edge/security-headers";

const production = { development: false, https: false };
const request = () => new NextRequest("http://127.0.0.1:3000/items", { headers: { cookie: "a=1", accept: "text/html" } });

/** The request headers a NextResponse.next() passes on to the page. */
function forwarded(response: Response): Map<string, string | null> {
  const names = (response.headers.get("x-middleware-override-headers") ?? "").split(",").filter(Boolean);
  return new Map(names.map((name) => [name, response.headers.get(`x-middleware-request-${name}`)]));
}

describe("the Content-Security-Policy", () => {
  it("lets scripts run only with the nonce, and forbids plugins, <base>, framing and foreign forms", () => {
    const policy = contentSecurityPolicy("abc", production);
    expect(policy.split("; ")).toEqual([
      "default-src 'self'",
      "script-src 'self' 'nonce-abc' 'strict-dynamic'",
      "style-src 'self' 'nonce-abc'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ]);
  });

  it("allows eval and inline styles in development only, and upgrades requests on HTTPS", () => {
    const dev = contentSecurityPolicy("abc", { development: true, https: false });
    expect(dev).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic' 'unsafe-eval'");
    expect(dev).toContain("style-src 'self' 'unsafe-inline'");
    expect(contentSecurityPolicy("abc", production)).not.toMatch(/unsafe/);
    expect(contentSecurityPolicy("abc", { development: false, https: true })).toMatch(/; upgrade-insecure-requests$/);
  });

  it("is https only where AUTH_URL is, and development only under next dev", () => {
    expect(policySettings({ AUTH_URL: "https://kaizen.example.com", NODE_ENV: "production" })).toEqual({ development: false, https: true });
    expect(policySettings({ AUTH_URL: "http://localhost:3000", NODE_ENV: "development" })).toEqual({ development: true, https: false });
    expect(policySettings({})).toEqual({ development: false, https: false });
  });
});

describe("withSecurityHeaders", () => {
  it("sends the policy and passes it, and its nonce, on to the page with the rest of the request", () => {
    const response = withSecurityHeaders(request(), NextResponse.next(), production);
    const policy = response.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    const page = forwarded(response);
    expect(page.get("content-security-policy")).toBe(policy);
    expect(page.get("x-nonce")).toBe(nonce);
    expect(page.get("cookie")).toBe("a=1");
    expect(page.get("accept")).toBe("text/html");
  });

  it("keeps the request headers the middleware already changed", () => {
    const headers = new Headers(request().headers);
    headers.set("cookie", "kept=1");
    headers.set("x-kaizen-background", "1");
    const response = withSecurityHeaders(request(), NextResponse.next({ request: { headers } }), production);
    const page = forwarded(response);
    expect(page.get("cookie")).toBe("kept=1");
    expect(page.get("x-kaizen-background")).toBe("1");
    expect(page.get("x-nonce")).toBeTruthy();
  });

  it("gives every response a fresh nonce", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => forwarded(withSecurityHeaders(request(), NextResponse.next(), production)).get("x-nonce")));
    expect(nonces.size).toBe(50);
  });

  it("adds the policy to a redirect or a refusal without forwarding anything", () => {
    for (const response of [NextResponse.redirect("http://127.0.0.1:3000/sign-in"), NextResponse.json({ error: "x" }, { status: 401 })]) {
      withSecurityHeaders(request(), response, production);
      expect(response.headers.get("content-security-policy")).toContain("'strict-dynamic'");
      expect(response.headers.get("x-middleware-override-headers")).toBeNull();
    }
  });

  it("sends HSTS on HTTPS only", () => {
    expect(withSecurityHeaders(request(), NextResponse.next(), { development: false, https: true }).headers.get("strict-transport-security")).toBe(STRICT_TRANSPORT_SECURITY);
    expect(withSecurityHeaders(request(), NextResponse.next(), production).headers.get("strict-transport-security")).toBeNull();
  });
});

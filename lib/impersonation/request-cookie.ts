// The pending request's cookie: httpOnly (scripts never see the token), SameSite=Lax, Secure on
// HTTPS, and no longer-lived than the request itself.
import "server-only";
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";
import { REQUEST_COOKIE } from "./service";

async function isHttps(): Promise<boolean> {
  const proto = (await headers()).get("x-forwarded-proto");
  return proto === "https" || Boolean(env().AUTH_URL?.startsWith("https:"));
}

export async function setRequestCookie(token: string) {
  (await cookies()).set(REQUEST_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: await isHttps(),
    path: "/",
    maxAge: env().IMPERSONATION_REQUEST_TTL_SECONDS,
  });
}

export async function readRequestCookie(): Promise<string | undefined> {
  return (await cookies()).get(REQUEST_COOKIE)?.value;
}

export async function clearRequestCookie() {
  (await cookies()).delete(REQUEST_COOKIE);
}

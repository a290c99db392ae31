// The pending request's cookie: httpOnly (scripts never see the token), SameSite=Lax, `__Host-` and
// Secure on HTTPS, and no longer-lived than the request itself.
import "server-only";
import { cookies, headers } from "next/headers";
import { cookieNames, isSecureRequest } from "@/lib/auth/edge/cookies";
import { env } from "@/lib/env";

async function requestCookie() {
  const secure = isSecureRequest(undefined, await headers(), env().AUTH_URL);
  return { name: cookieNames(secure).request, secure };
}

export async function setRequestCookie(token: string) {
  const { name, secure } = await requestCookie();
  (await cookies()).set(name, token, { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: env().IMPERSONATION_REQUEST_TTL_SECONDS });
}

export async function readRequestCookie(): Promise<string | undefined> {
  return (await cookies()).get((await requestCookie()).name)?.value;
}

export async function clearRequestCookie() {
  const { name, secure } = await requestCookie();
  (await cookies()).set(name, "", { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 0 });
}

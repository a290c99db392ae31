"use client";

import { useEffect } from "react";

/**
 * When the middleware answers a Server Action or fetch with 401 (the session ended, for instance
 * after inactivity), leave for the sign-in page and say why, instead of failing in place.
 */
export function SessionExpiryGuard() {
  useEffect(() => {
    const original = window.fetch;
    window.fetch = async (...args: Parameters<typeof fetch>) => {
      const response = await original(...args);
      const reason = response.headers.get("x-kaizen-session");
      if (response.status === 401 && reason) {
        window.location.assign(reason === "signed-out" ? "/sign-in" : `/sign-in?notice=${encodeURIComponent(reason)}`);
      }
      return response;
    };
    return () => {
      window.fetch = original;
    };
  }, []);
  return null;
}

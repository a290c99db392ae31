// The session's shape, typed once by module augmentation (Auth.js's way).
import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface User {
    username?: string;
    organizationId?: string;
  }

  interface Session {
    user: {
      id: string;
      name: string;
      username: string;
      organizationId: string;
    } & Omit<DefaultSession["user"], "name">;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    /** The signed-in user's id (Auth.js's `sub`). Set only by the server at sign-in. */
    sub?: string;
    username?: string;
    organizationId?: string;
    /** When the user signed in (seconds); the absolute session limit counts from here. */
    signedInAt?: number;
  }
}

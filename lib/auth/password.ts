// Argon2id with OWASP's parameters (m=19 MiB, t=2, p=1: @node-rs/argon2's defaults, stated here so
// a library upgrade cannot silently weaken them).
import { hash, verify } from "@node-rs/argon2";
import { hashSlots } from "./hash-slots";

const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hashSlots().run(() => hash(password, OPTIONS));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await hashSlots().run(() => verify(passwordHash, password));
  } catch {
    return false; // a malformed hash never signs anyone in
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a throwaway hash, so a sign-in for a username that does not exist costs as much
 * time as a real one and the response time does not tell who exists.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hashPassword("not-a-real-password-" + Math.random());
  await verifyPassword(await dummyHash, password);
  return false;
}

// Short signed values the app hands out and takes back: the activity cookie and the sign-in page's
// `ended` parameter. Each is a JWT (HS256, jose) with a subject, when it was issued and when it
// expires, signed with a key of its own purpose: HKDF-SHA256 from AUTH_SECRET with the purpose in
// `info`, derived once per secret and purpose, so a value made for one purpose never verifies as
// another. (The session token is Auth.js's own JWE: lib/auth/edge/jwt.ts.) Edge-safe (WebCrypto).
import { jwtVerify, SignJWT } from "jose";

/** What a signed value is for: each purpose has its own key. */
export type SignedPurpose = "activity" | "ended-notice";

export type SignedClaims = {
  /** What the value names: a session binding, an impersonation's id. */
  sub: string;
  /** When it was made, in seconds (the activity cookie's last activity). */
  iat: number;
  /** When it stops being accepted, in seconds. */
  exp: number;
};

const ALG = "HS256";
/** Far longer than any value the app makes: anything longer is refused unread. */
const MAX_LENGTH = 512;

/** A purpose's key under one secret, and the values signed with it here (see readSignedValue). */
type Signer = { key: Promise<CryptoKey>; signed: Map<string, SignedClaims> };
const signers = new Map<string, Signer>();
/** Values remembered per signer: a few hundred bytes each. */
const REMEMBERED = 512;

function signerFor(secret: string, purpose: SignedPurpose): Signer {
  if (!secret) throw new Error("No secret to sign with: AUTH_SECRET is not set.");
  const id = `${purpose}\u0000${secret}`;
  let signer = signers.get(id);
  if (!signer) {
    const encoder = new TextEncoder();
    const key = crypto.subtle
      .importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"])
      .then((material) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(`Kaizen Hub signed value (${purpose})`) },
          material,
          { name: "HMAC", hash: "SHA-256", length: 256 },
          false,
          ["sign", "verify"],
        ),
      );
    // A failed derivation is not remembered; the cache never grows past the few secrets in use.
    key.catch(() => signers.delete(id));
    if (signers.size > 32) signers.clear();
    signer = { key, signed: new Map() };
    signers.set(id, signer);
  }
  return signer;
}

/** `claims`, signed for `purpose`. */
export async function signValue(secret: string, purpose: SignedPurpose, claims: SignedClaims): Promise<string> {
  const signer = signerFor(secret, purpose);
  const value = await new SignJWT({})
    .setProtectedHeader({ alg: ALG })
    .setSubject(claims.sub)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(await signer.key);
  if (signer.signed.size >= REMEMBERED) signer.signed.delete(signer.signed.keys().next().value!);
  signer.signed.set(value, { sub: claims.sub, iat: claims.iat, exp: claims.exp });
  return value;
}

/**
 * The claims of a value signed for `purpose` with `secret`, if it verifies and has not expired at
 * `nowSeconds`; null for anything else (edited, made up, another purpose's or secret's, expired).
 * A value this process signed itself is known without verifying it again: the middleware reads on
 * each request the activity value it signed on the one before, and so saves a WebCrypto call.
 */
export async function readSignedValue(secret: string, purpose: SignedPurpose, value: unknown, nowSeconds: number): Promise<SignedClaims | null> {
  if (typeof value !== "string" || value.length > MAX_LENGTH || !secret) return null;
  const signer = signerFor(secret, purpose);
  const known = signer.signed.get(value);
  // (jose's rule: expired when `exp` is now or past.)
  if (known) return known.exp > nowSeconds ? known : null;
  try {
    const { payload } = await jwtVerify(value, await signer.key, {
      algorithms: [ALG],
      currentDate: new Date(nowSeconds * 1000),
      requiredClaims: ["sub", "iat", "exp"],
    });
    return typeof payload.sub === "string" ? { sub: payload.sub, iat: payload.iat!, exp: payload.exp! } : null;
  } catch {
    return null;
  }
}

// The session token's codec: Auth.js's own format (a JWE, "dir" with A256CBC-HS512, its key derived
// from AUTH_SECRET with HKDF-SHA256 and the cookie's name as salt, the key's JWK thumbprint as
// `kid`), what `next-auth/jwt` writes and reads — but the keys are worked out once per secret and
// salt instead of on every request. Auth.js derives the key on every decode, and jose imports the
// two halves again, then compares the tag with three more WebCrypto calls: seven round trips to
// the crypto thread pool per request, most of the middleware's time. The usual token (exactly that
// header) is decrypted here in two (HMAC-SHA-512 for the tag, AES-256-CBC for the payload; RFC 7518
// §5.2.2.2) with the keys imported once; anything else goes to jose as before. Edge-safe (WebCrypto).
import { base64url, calculateJwkThumbprint, EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

const ALG = "dir";
const ENC = "A256CBC-HS512";
const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;

type DerivedKey = { key: Uint8Array<ArrayBuffer>; kid: string; cbc?: Promise<{ mac: CryptoKey; aes: CryptoKey }> };
const derived = new Map<string, Promise<DerivedKey>>();

async function hkdf(secret: string, salt: string, info: string, length: number): Promise<Uint8Array<ArrayBuffer>> {
  const encoder = new TextEncoder();
  const material = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: encoder.encode(salt), info: encoder.encode(info) }, material, length * 8);
  return new Uint8Array(bits);
}

/** The encryption key for `enc` from `secret` and `salt`, and its thumbprint: computed once. */
function derivedKey(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  const length = enc === "A256CBC-HS512" ? 64 : enc === "A256GCM" ? 32 : 0;
  if (!length) return Promise.reject(new Error("Unsupported JWT Content Encryption Algorithm"));
  const id = `${enc}\u0000${salt}\u0000${secret}`;
  let entry = derived.get(id);
  if (!entry) {
    entry = (async () => {
      const key = await hkdf(secret, salt, `Auth.js Generated Encryption Key (${salt})`, length);
      const kid = await calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, `sha${key.byteLength << 3}` as "sha256" | "sha384" | "sha512");
      return { key, kid };
    })();
    // A failed derivation is not remembered; the cache never grows past the few secrets in use.
    entry.catch(() => derived.delete(id));
    if (derived.size > 32) derived.clear();
    derived.set(id, entry);
  }
  return entry;
}

/** Auth.js's `encode`, with the derived key cached. */
export async function encodeSession(params: JWTEncodeParams): Promise<string> {
  const { token = {}, secret, maxAge = DEFAULT_MAX_AGE, salt } = params;
  const [first] = Array.isArray(secret) ? secret : [secret];
  const { key, kid } = await derivedKey(ENC, first!, salt);
  return new EncryptJWT(token as Record<string, unknown>)
    .setProtectedHeader({ alg: ALG, enc: ENC, kid })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + maxAge)
    .setJti(crypto.randomUUID())
    .encrypt(key);
}

const CLOCK_TOLERANCE = 15;

/** The two halves of an A256CBC-HS512 key as CryptoKeys (MAC key first, then the AES key), once. */
function cbcKeys(key: DerivedKey) {
  key.cbc ??= Promise.all([
    crypto.subtle.importKey("raw", key.key.subarray(0, 32), { name: "HMAC", hash: "SHA-512" }, false, ["sign"]),
    crypto.subtle.importKey("raw", key.key.subarray(32), "AES-CBC", false, ["decrypt"]),
  ]).then(([mac, aes]) => ({ mac, aes }));
  return key.cbc;
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("invalid base64url");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Equal bytes, in time that depends only on the length. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** The claims jose would refuse: exp past, nbf ahead (15 s tolerance), times that are not numbers. */
function validClaims(claims: unknown, nowSeconds: number): claims is JWT {
  if (typeof claims !== "object" || claims === null || Array.isArray(claims)) return false;
  const { exp, nbf, iat } = claims as Record<string, unknown>;
  for (const value of [exp, nbf, iat]) if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value))) return false;
  if (typeof nbf === "number" && nbf > nowSeconds + CLOCK_TOLERANCE) return false;
  if (typeof exp === "number" && exp <= nowSeconds - CLOCK_TOLERANCE) return false;
  return true;
}

/**
 * The usual token, decrypted with cached keys: `undefined` when it is not of the usual shape (jose
 * decides), null when it does not decrypt or its claims are refused.
 */
async function decodeUsual(token: string, secrets: string[], salt: string): Promise<JWT | null | undefined> {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[1] !== "") return undefined;
  const [encodedHeader, , encodedIv, encodedCiphertext, encodedTag] = parts as [string, string, string, string, string];
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(fromBase64Url(encodedHeader))) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const keys = Object.keys(header);
  if (header.alg !== ALG || header.enc !== ENC || !keys.every((k) => k === "alg" || k === "enc" || k === "kid")) return undefined;
  let iv: Uint8Array<ArrayBuffer>, ciphertext: Uint8Array<ArrayBuffer>, tag: Uint8Array<ArrayBuffer>;
  try {
    [iv, ciphertext, tag] = [fromBase64Url(encodedIv), fromBase64Url(encodedCiphertext), fromBase64Url(encodedTag)];
  } catch {
    return null;
  }
  if (iv.length !== 16 || tag.length !== 32 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null;
  for (const s of secrets) {
    const key = await derivedKey(ENC, s, salt);
    if (header.kid !== undefined && header.kid !== key.kid) continue;
    const { mac, aes } = await cbcKeys(key);
    // The tag: the first half of HMAC-SHA-512 over AAD ‖ IV ‖ ciphertext ‖ AAD length in bits (64-bit big-endian).
    const aad = new TextEncoder().encode(encodedHeader);
    const macInput = new Uint8Array(aad.length + iv.length + ciphertext.length + 8);
    macInput.set(aad, 0);
    macInput.set(iv, aad.length);
    macInput.set(ciphertext, aad.length + iv.length);
    new DataView(macInput.buffer).setBigUint64(macInput.length - 8, BigInt(aad.length * 8));
    const expected = new Uint8Array(await crypto.subtle.sign("HMAC", mac, macInput)).subarray(0, 32);
    if (!constantTimeEqual(expected, tag)) return null;
    let claims: unknown;
    try {
      claims = JSON.parse(new TextDecoder().decode(await crypto.subtle.decrypt({ name: "AES-CBC", iv }, aes, ciphertext)));
    } catch {
      return null;
    }
    return validClaims(claims, Math.floor(Date.now() / 1000)) ? claims : null;
  }
  return null;
}

/**
 * Auth.js's `decode` (secret rotation included), with the keys cached: the usual token is read here,
 * any other through jose exactly as Auth.js does. Throws, like Auth.js, when it does not decrypt.
 */
export async function decodeSession(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret, salt } = params;
  if (!token) return null;
  const secrets = Array.isArray(secret) ? secret : [secret];
  const usual = await decodeUsual(token, secrets, salt);
  if (usual) return usual;
  if (usual === null) throw new Error("The session token did not decrypt, or its claims were refused.");
  const { payload } = await jwtDecrypt(
    token,
    async ({ kid, enc }) => {
      for (const s of secrets) {
        const { key, kid: thumbprint } = await derivedKey(enc, s, salt);
        if (kid === undefined || kid === thumbprint) return key;
      }
      throw new Error("no matching decryption secret");
    },
    { clockTolerance: 15, keyManagementAlgorithms: [ALG], contentEncryptionAlgorithms: [ENC, "A256GCM"] },
  );
  return payload as JWT;
}

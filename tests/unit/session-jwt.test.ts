// The session token codec (lib/auth/edge/jwt.ts) reads and writes exactly what Auth.js does, and
// refuses whatever Auth.js refuses: tokens of either made by the other, secret rotation, another
// secret or salt, an expired token, every byte of every part changed, other encodings through jose.
import fc from "fast-check";
import { base64url, EncryptJWT } from "jose";
import { decode as authDecode, encode as authEncode, type JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSession, encodeSession } from "@/lib/auth/edge/jwt";

const secret = "a-test-secret-that-is-long-enough-for-auth-js-123";
const other = "another-secret-that-is-just-as-long-for-auth-js-456";
const salt = "authjs.session-token";
const claims: JWT = {
  sub: "jane-id",
  name: "Jane Doe",
  email: "jane@acme.test",
  username: "jane",
  organizationId: "acme",
  signedInAt: 1_800_000_000,
  sid: "sid-1",
  actor: { id: "gina-id", name: "Gina Global", username: "gina" },
  impersonation: { id: "imp-1", startedAt: "2026-11-28T10:00:00.000Z", absoluteExpiresAt: "2026-11-28T11:00:00.000Z", idleTimeoutSeconds: 300 },
};

const refused = async (read: () => Promise<unknown>) => {
  try {
    return (await read()) === null;
  } catch {
    return true;
  }
};

describe("the session token codec", () => {
  it("reads what Auth.js writes, and Auth.js reads what it writes", async () => {
    const byAuthJs = await authEncode({ token: claims, secret, salt, maxAge: 3600 });
    expect(await decodeSession({ token: byAuthJs, secret, salt })).toMatchObject(claims);
    const byUs = await encodeSession({ token: claims, secret, salt, maxAge: 3600 });
    const read = await authDecode({ token: byUs, secret, salt });
    expect(read).toMatchObject(claims);
    expect(read!.exp! - read!.iat!).toBe(3600);
    expect(typeof read!.jti).toBe("string");
    // The same header as Auth.js's: alg, enc and the key's thumbprint.
    const header = (t: string) => JSON.parse(new TextDecoder().decode(base64url.decode(t.split(".")[0]!))) as Record<string, string>;
    expect(header(byUs)).toEqual(header(byAuthJs));
  });

  it("rotates secrets as Auth.js does: the first writes, any reads", async () => {
    const old = await authEncode({ token: claims, secret: other, salt });
    expect(await decodeSession({ token: old, secret: [secret, other], salt })).toMatchObject(claims);
    const fresh = await encodeSession({ token: claims, secret: [secret, other], salt });
    expect(await authDecode({ token: fresh, secret, salt })).toMatchObject(claims);
  });

  it("refuses another secret, another salt (cookie name), an expired token, and garbage", async () => {
    const token = await authEncode({ token: claims, secret, salt });
    expect(await refused(() => decodeSession({ token, secret: other, salt }))).toBe(true);
    expect(await refused(() => decodeSession({ token, secret, salt: "__Host-authjs.session-token" }))).toBe(true);
    const expired = await authEncode({ token: claims, secret, salt, maxAge: -60 });
    expect(await refused(() => authDecode({ token: expired, secret, salt }))).toBe(true);
    expect(await refused(() => decodeSession({ token: expired, secret, salt }))).toBe(true);
    // Within Auth.js's 15 s clock tolerance: still read, as Auth.js reads it.
    const justExpired = await authEncode({ token: claims, secret, salt, maxAge: -5 });
    expect(await decodeSession({ token: justExpired, secret, salt })).toMatchObject(claims);
    for (const junk of ["x", "a.b.c.d.e", "....", `${token}x`, token.replace(/\./g, "..")]) {
      expect(await refused(() => decodeSession({ token: junk, secret, salt }))).toBe(true);
    }
    expect(await decodeSession({ token: "", secret, salt })).toBeNull();
  });

  it("refuses a token with any character of any part changed, as Auth.js does", async () => {
    const token = await authEncode({ token: claims, secret, salt });
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: token.length - 1 }), fc.nat({ max: alphabet.length - 1 }), async (at, pick) => {
        if (token[at] === ".") return;
        const replacement = alphabet[pick]!;
        if (replacement === token[at]) return;
        const changed = `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
        const ours = await refused(() => decodeSession({ token: changed, secret, salt }));
        const theirs = await refused(() => authDecode({ token: changed, secret, salt }));
        // (A change in the last character's unused low bits may decode to the same bytes: then both read it.)
        expect(ours).toBe(theirs);
      }),
      { numRuns: 400 },
    );
  });

  it("leaves other encodings to jose, as Auth.js would read them", async () => {
    // A256GCM with the key Auth.js derives for it (Auth.js accepts it on decode).
    const { hkdf } = await import("@panva/hkdf");
    const key = await hkdf("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 32);
    const gcm = await new EncryptJWT(claims as Record<string, unknown>).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).setExpirationTime("1h").encrypt(key);
    expect(await authDecode({ token: gcm, secret, salt })).toMatchObject(claims);
    expect(await decodeSession({ token: gcm, secret, salt })).toMatchObject(claims);
    // A header with more in it (here a content type) is not the usual shape: jose decides, the same way.
    const full = await hkdf("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64);
    const typed = await new EncryptJWT(claims as Record<string, unknown>).setProtectedHeader({ alg: "dir", enc: "A256CBC-HS512", cty: "JWT" }).encrypt(full);
    expect(await decodeSession({ token: typed, secret, salt })).toMatchObject(claims);
  });
});

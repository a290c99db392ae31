// The embedded default's AUTH_SECRET: random, generated once into a git-ignored file (.kaizen/),
// readable by its owner only. Never used when AUTH_SECRET is set.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { projectRoot } from "./migrations";

/** Where it lives; kept out of git, the image and Vercel uploads (the ignore files). */
export const LOCAL_SECRET_FILE = path.join(projectRoot, ".kaizen", "auth-secret");

export async function readOrCreateLocalSecret(file = LOCAL_SECRET_FILE): Promise<string> {
  if (existsSync(file)) {
    const secret = (await readFile(file, "utf8")).trim();
    if (secret.length >= 32) return secret;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(33).toString("base64");
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

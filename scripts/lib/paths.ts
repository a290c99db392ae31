// Test databases live outside the project folder: as root, PostgreSQL runs as `postgres`, which
// must be able to reach its data directory (a clone in a 0700 folder would not be).
import { mkdir } from "node:fs/promises";

export async function testDataRoot(): Promise<string> {
  const dir = "/var/tmp/kaizen-hub-tests";
  await mkdir(dir, { recursive: true, mode: 0o755 });
  return dir;
}

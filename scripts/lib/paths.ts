// Test databases live outside the project folder: as root, PostgreSQL runs as `postgres`, which
// must be able to reach its data directory (a clone in a 0700 folder would not be). One folder per
// user: on a machine shared with another account (root's earlier run, a CI runner's other user),
// a folder of theirs in /var/tmp is not ours to write in, and must not be trusted if planted.
import { lstat, mkdir } from "node:fs/promises";

export async function testDataRoot(): Promise<string> {
  const uid = process.getuid?.() ?? 0;
  const dir = `/var/tmp/kaizen-hub-tests-${uid}`;
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const made = await lstat(dir);
  if (!made.isDirectory() || made.uid !== uid) throw new Error(`${dir} belongs to another user (uid ${made.uid}): remove it, or run the tests as that user.`);
  return dir;
}

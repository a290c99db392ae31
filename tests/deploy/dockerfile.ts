// The Dockerfile, read as the deploy tests' instructions: no Docker daemon runs here, so the tests
// lay out each instance the way the image's last stage does (its COPY lines, followed on the disk)
// and check it with the image's own HEALTHCHECK and CMD. A Dockerfile that drifts from what was
// tested fails here.
import { cp, mkdir } from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../support/processes";

export type Instruction = { keyword: string; args: string };
export type Stage = { name: string; from: string; instructions: Instruction[] };

/** The Dockerfile's stages and their instructions (continuation lines joined, comments dropped). */
export function readDockerfile(file = path.join(projectRoot, "Dockerfile")): Stage[] {
  const logical: string[] = [];
  let pending = "";
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    const line = raw.trim();
    if (!pending && (line === "" || line.startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(`${pending}${line}`.trim());
    pending = "";
  }
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = "", args = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === "FROM") {
      const [, from = "", name = ""] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ name, from, instructions: [] });
    } else if (stages.length) {
      stages.at(-1)!.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/** The JSON (exec) form of CMD or HEALTHCHECK … CMD: an argv. */
export function execForm(args: string): string[] {
  const json = args.slice(args.indexOf("["));
  const argv = JSON.parse(json) as unknown;
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === "string")) throw new Error(`Not an exec form: ${args}`);
  return argv;
}

export function finalStage(stages = readDockerfile()): Stage {
  return stages.at(-1)!;
}

function workdirOf(stages: Stage[], stage: Stage): string {
  const own = stage.instructions.filter((i) => i.keyword === "WORKDIR").at(-1)?.args;
  if (own) return own;
  const parent = stages.find((s) => s.name === stage.from);
  return parent ? workdirOf(stages, parent) : "/";
}

/**
 * Follows the final stage's `COPY --from=<stage> <src> <dest>` lines into `dir`: a path in the build
 * stage's work folder is the same path in this project after `npm run build`.
 */
export async function layOutLikeTheImage(dir: string): Promise<string[]> {
  const stages = readDockerfile();
  const runner = finalStage(stages);
  const done: string[] = [];
  for (const { keyword, args } of runner.instructions) {
    if (keyword !== "COPY") continue;
    const words = args.split(/\s+/);
    const from = words.find((w) => w.startsWith("--from="))?.slice("--from=".length);
    const [src, dest] = words.filter((w) => !w.startsWith("--"));
    const source = stages.find((s) => s.name === from);
    if (!source || !src || !dest) throw new Error(`The final stage copies only from an earlier stage: COPY ${args}`);
    const sourceDir = workdirOf(stages, source);
    if (!src.startsWith(`${sourceDir}/`)) throw new Error(`COPY ${args}: the source is outside ${sourceDir}`);
    const from_ = path.join(projectRoot, src.slice(sourceDir.length + 1));
    const to = path.join(dir, dest);
    await mkdir(path.dirname(to), { recursive: true });
    await cp(from_, to, { recursive: true });
    done.push(`${src} → ${dest}`);
  }
  return done;
}

// The README and docs/ link to each other and to sections of each other: a file moved or a heading
// renamed must not leave a reader at a dead link. Every relative link must name a file that exists,
// and a #fragment into a Markdown file a heading it has (GitHub's anchors).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "@/scripts/lib/migrations";

const DOCUMENTS = ["README.md", ...readdirSync(path.join(projectRoot, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)];

/** GitHub's anchor for a heading: lower case, punctuation dropped (hyphens kept), spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsIn(file: string): Set<string> {
  const text = readFileSync(file, "utf8").replace(/^```[\s\S]*?^```/gm, "");
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => anchorOf(match[1]!)));
}

/** Relative link targets of a Markdown file, outside code blocks: `[text](target)`. */
function relativeLinks(text: string): string[] {
  const prose = text.replace(/^```[\s\S]*?^```/gm, "");
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z]+:/i.test(target));
}

const read = (document: string) => readFileSync(path.join(projectRoot, document), "utf8");

it("the README links to the guides in docs/", () => {
  expect(relativeLinks(read("README.md")).filter((link) => link.startsWith("docs/")).length).toBeGreaterThan(4);
});

describe.each(DOCUMENTS)("%s", (document) => {
  it("links only to files and headings that exist", () => {
    const dead = relativeLinks(read(document)).filter((link) => {
      const [target, fragment] = link.split("#") as [string, string | undefined];
      const file = target ? path.resolve(projectRoot, path.dirname(document), target) : path.join(projectRoot, document);
      if (!existsSync(file)) return true;
      return fragment !== undefined && file.endsWith(".md") && !anchorsIn(file).has(fragment);
    });
    expect(dead).toEqual([]);
  });
});

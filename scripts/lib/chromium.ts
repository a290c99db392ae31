// Finds a Chromium for Playwright: CHROMIUM_PATH, Playwright's own browser, or the system's. When
// none exists it installs one: Debian's chromium package when we are root on Debian (CI here:
// Playwright cannot download its browsers), else Playwright's own (`playwright install chromium`,
// which needs the network: macOS, Fedora, a Linux without root).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { projectRoot } from "./migrations";

const SYSTEM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

function findInstalled(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // Playwright's browsers are not installed.
  }
  return SYSTEM_PATHS.find((p) => existsSync(p)) ?? null;
}

export function ensureChromium(log: (line: string) => void = console.log): string {
  const found = findInstalled();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync("/etc/debian_version")) {
    log("No Chromium found: installing Debian's chromium package (apt-get) ...");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { stdio: "inherit", env });
    const installed = findInstalled();
    if (installed) return installed;
  } else {
    log("No Chromium found: downloading Playwright's (npx playwright install chromium) ...");
    const cli = path.join(projectRoot, "node_modules", "@playwright", "test", "cli.js");
    const result = spawnSync(process.execPath, [cli, "install", "chromium"], { stdio: "inherit", timeout: 600_000 });
    const installed = result.status === 0 ? findInstalled() : null;
    if (installed) return installed;
  }
  throw new Error(
    "No Chromium for the end-to-end tests. Install one (`npx playwright install chromium`, or `apt-get install chromium`) " +
      "or set CHROMIUM_PATH to a Chromium or Chrome executable.",
  );
}

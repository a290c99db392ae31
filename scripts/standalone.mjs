// After `next build`: the standalone server (.next/standalone) serves its static files from its own
// folder, so they are copied in. Then `.next/standalone` alone runs the app: `node server.js`. Vercel
// builds without it (next.config.mjs).
import { cpSync, existsSync, readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
if (process.env.VERCEL) {
  // Vercel's Next.js builder packages every .env* file of the project into every function: a local
  // `vercel build` (then `deploy --prebuilt`) would ship this machine's secrets. Refuse instead.
  const envFiles = readdirSync(root).filter((name) => (name === ".env" || name.startsWith(".env.")) && name !== ".env.example").sort();
  if (envFiles.length) {
    console.error(
      `[build] ${envFiles.join(", ")} would be packaged into every Vercel function. Set variables in the Vercel project ` +
        "(or `vercel pull`, which keeps them in .vercel/), and move these files out of the project before `vercel build`.",
    );
    process.exit(1);
  }
  console.log("[build] On Vercel: no standalone server (Vercel packages the functions from .next itself).");
  process.exit(0);
}
const standalone = path.join(root, ".next", "standalone");
if (!existsSync(path.join(standalone, "server.js"))) {
  console.error("[build] .next/standalone/server.js is missing: is `output: \"standalone\"` set in next.config.mjs?");
  process.exit(1);
}
cpSync(path.join(root, ".next", "static"), path.join(standalone, ".next", "static"), { recursive: true });
if (existsSync(path.join(root, "public"))) cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
console.log("[build] Standalone server ready: .next/standalone (npm start, or node .next/standalone/server.js)");

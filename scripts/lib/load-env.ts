// The scripts read .env files the way Next.js does (@next/env: .env, .env.local, .env.<mode>,
// .env.<mode>.local; the environment itself wins), so `npm run db:deploy` and the runner see the
// same configuration as the app.
import nextEnv from "@next/env";
import { projectRoot } from "./migrations";

export function loadProjectEnv(dev = process.env.NODE_ENV !== "production"): void {
  nextEnv.loadEnvConfig(projectRoot, dev, { info: () => {}, error: console.error });
}

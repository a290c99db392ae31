// The scripts read .env files the way Next.js does (@next/env: .env, .env.local, .env.<mode>,
// .env.<mode>.local; the environment itself wins), so `npm run db:deploy` and the runner see the
// same configuration as the app.
// An empty value (`NAME=`, as in a copied .env.example) is then unset, as the app takes it.
import nextEnv from "@next/env";
import { unsetEmptyVariables } from "@/lib/env";
import { projectRoot } from "./migrations";

export function loadProjectEnv(dev = process.env.NODE_ENV !== "production"): void {
  nextEnv.loadEnvConfig(projectRoot, dev, { info: () => {}, error: console.error });
  unsetEmptyVariables();
}

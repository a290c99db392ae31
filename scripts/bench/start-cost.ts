// What starting an impersonation costs next to signing in: the plain sign-in (Jane's credentials)
// and the re-login that starts an impersonation (Gina's own credentials, after a confirmation),
// interleaved; only the credentials POST is timed. Both are mostly Argon2id. Each re-login starts
// the actor's only impersonation (the one before is signed out, as an administrator finishing one
// does), so none is spent ending another.
import pg from "pg";
import { Client, DEMO_PASSWORD } from "../lib/http-client";
import { summarize, type Summary } from "./stats";

export type StartCostFigures = { signIn: Summary; reLogin: Summary; ratio: number };

export async function benchStartCost(base: string, ownerUrl: string, options: { runs: number; log: (line: string) => void }): Promise<StartCostFigures> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const janeId = (await client.query<{ id: string }>(`SELECT id FROM "User" WHERE username = 'jane'`)).rows[0]!.id;
  await client.end();

  const signIn: number[] = [];
  const reLogin: number[] = [];
  const plain = async () => {
    const jane = new Client(base);
    const csrf = await jane.csrf();
    const t0 = performance.now();
    const where = await jane.postCredentials(csrf, "jane");
    signIn.push(performance.now() - t0);
    if (where.includes("error")) throw new Error(`jane's sign-in failed: ${where}`);
  };
  const impersonation = async () => {
    const gina = new Client(base);
    if ((await gina.signIn("gina")).includes("error")) throw new Error("gina could not sign in");
    await gina.action("/people", "confirmImpersonationAction", { targetId: janeId, reason: "benchmark: start cost" });
    const csrf = await gina.csrf();
    const t0 = performance.now();
    const where = await gina.postCredentials(csrf, "gina", DEMO_PASSWORD, "impersonation");
    reLogin.push(performance.now() - t0);
    if (where.includes("error")) throw new Error(`the re-login failed: ${where}`);
    await gina.signOut();
  };
  await plain();
  await impersonation(); // warm-up
  signIn.length = 0;
  reLogin.length = 0;
  for (let i = 0; i < options.runs; i++) {
    if (i % 2 === 0) {
      await plain();
      await impersonation();
    } else {
      await impersonation();
      await plain();
    }
  }
  const figures = { signIn: summarize(signIn), reLogin: summarize(reLogin), ratio: 0 };
  figures.ratio = figures.reLogin.p50 / figures.signIn.p50;
  options.log(`start cost: sign-in p50 ${figures.signIn.p50.toFixed(1)} ms, re-login p50 ${figures.reLogin.p50.toFixed(1)} ms (${figures.ratio.toFixed(2)}×)`);
  return figures;
}

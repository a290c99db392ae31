// npm run db:status: which migrations are applied, which are pending, and anything that would stop
// a deploy (of the embedded database of `npm run dev` when DATABASE_URL is unset; never in
// production). Exits 0 when up to date, 1 when migrations are pending, 2 when the database has drifted.
import { openProjectDatabase, refuseEmbeddedInProduction } from "./lib/database";
import { migrationState } from "./lib/deploy";
import { loadProjectEnv } from "./lib/load-env";

loadProjectEnv();
refuseEmbeddedInProduction("db:status");
const database = await openProjectDatabase();
try {
  const state = await migrationState(database.ownerUrl);
  console.log(`Applied (${state.applied.length}):`);
  for (const m of state.applied) console.log(`  ✓ ${m.name}   ${m.finishedAt.toISOString()}`);
  console.log(`Pending (${state.pending.length}):${state.pending.length ? "" : " none"}`);
  for (const name of state.pending) console.log(`  · ${name}`);
  if (state.problems.length) {
    console.log(`Problems (${state.problems.length}):`);
    for (const p of state.problems) console.log(`  ✗ ${p}`);
  }
  process.exitCode = state.problems.length ? 2 : state.pending.length ? 1 : 0;
} finally {
  await database.stop();
}

// The scheduled work, run now against the app's database with the environment's mail transport.
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { runScheduledJobs } from "./scheduled";

export function runScheduledJobsNow() {
  return runScheduledJobs(db, env());
}

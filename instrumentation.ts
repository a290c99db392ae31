// Runs once when the server starts: a missing or malformed environment variable stops it here,
// with the variable's name, instead of failing on some later request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { loadEnv, EnvError } = await import("@/lib/env");
    try {
      loadEnv();
    } catch (error) {
      if (error instanceof EnvError) {
        console.error(`\n${error.message}\nSee README.md, "Configuration".\n`);
        process.exit(1);
      }
      throw error;
    }
  }
}

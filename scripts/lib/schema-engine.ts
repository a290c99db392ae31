// Prisma's own schema engine, compiled to WebAssembly, driven in-process. The Prisma 7 CLI downloads
// a native engine before any command and these machines have no internet; this engine makes and
// applies the same migrations (recorded in _prisma_migrations exactly as `prisma migrate deploy`
// records them) with no download.
//
// The package's ESM entry imports a .wasm module, which Node 20 cannot; so we instantiate the
// .wasm ourselves with its JS glue as the imports object.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

const require = createRequire(import.meta.url);

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg") & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  __wbindgen_start?: () => void;
};

let gluePromise: Promise<Glue> | undefined;

async function loadGlue(): Promise<Glue> {
  const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const glue = (await import(pathToFileURL(path.join(pkgDir, "schema_engine_bg.js")).href)) as Glue;
  const bytes = await readFile(path.join(pkgDir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, {
    "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start as (() => void) | undefined;
  start?.();
  return glue;
}

type ScriptAdapter = { executeScript(script: string): Promise<void> };
type PgInternals = { client: { query(sql: string): Promise<unknown> }; onError(error: unknown): never };

/**
 * @prisma/adapter-pg's executeScript splits a script on every ";", which breaks any migration with a
 * function body ($$ ... ; ... $$). The native engine sends the script whole; so do we: node-postgres
 * sends a parameterless query with the simple protocol, which runs several statements as one
 * implicit transaction, so a failing migration leaves nothing half-applied.
 */
function wholeScriptFactory(base: PrismaPg, opened: { dispose(): Promise<void> }[]): PrismaPg {
  const patch = <T extends ScriptAdapter & { dispose(): Promise<void> }>(adapter: T): T => {
    opened.push(adapter);
    const internals = adapter as unknown as PgInternals;
    adapter.executeScript = async (script: string) => {
      try {
        await internals.client.query(script);
      } catch (error) {
        internals.onError(error);
      }
    };
    return adapter;
  };
  const connect = base.connect.bind(base);
  base.connect = async () => patch(await connect());
  return base;
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * Runs `work` with the schema engine connected to a database (it connects at start, even to diff
 * two schemas), then frees the engine and closes its connections.
 */
export async function withSchemaEngine<T>(
  connectionString: string,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  gluePromise ??= loadGlue();
  const glue = await gluePromise;
  const opened: { dispose(): Promise<void> }[] = [];
  const factory = bindMigrationAwareSqlAdapterFactory(wholeScriptFactory(new PrismaPg({ connectionString }), opened));
  const engine: SchemaEngine = await glue.SchemaEngine.new({ datamodels: undefined }, () => {}, factory);
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose().catch(() => undefined)));
  }
}

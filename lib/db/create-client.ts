// Builds a Prisma client over node-postgres (Prisma 7's driver adapter: no native engine). Scripts
// and tests call this directly; the app uses the single cached instance in lib/db/index.ts.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export function createPrismaClient(connectionString: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}

export type { PrismaClient };

// The app's one Prisma client, created on first use (so `next build` needs no database) and cached
// on globalThis so development hot reloads do not open a new pool each time.
import "server-only";
import { env } from "@/lib/env";
import { createPrismaClient, type PrismaClient } from "./create-client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  globalForPrisma.prisma ??= createPrismaClient(env().DATABASE_URL, { max: env().DATABASE_POOL_MAX });
  return globalForPrisma.prisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const instance = client();
    const value = Reflect.get(instance, property, instance) as unknown;
    return typeof value === "function" ? value.bind(instance) : value;
  },
});

// Prisma 7 reads its connection from here, not from schema.prisma. The app itself connects through
// lib/db (driver adapter); this is for Prisma's CLI on machines that have its native engine
// (`prisma migrate deploy`, `prisma studio`). Offline tooling lives in scripts/db-*.ts.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx scripts/db-seed.ts" },
  // Migrations go over the direct (unpooled) owner connection when there is one, as `npm run db:deploy`
  // does: DIRECT_URL, else DATABASE_URL_UNPOOLED (Neon's on Vercel), else DATABASE_URL; empty is unset.
  datasource: { url: process.env.DIRECT_URL?.trim() || process.env.DATABASE_URL_UNPOOLED?.trim() || process.env.DATABASE_URL?.trim() || "" },
});

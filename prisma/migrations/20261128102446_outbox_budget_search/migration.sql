-- Hand-written, first: trigram matching for the search indexes below (a trusted extension: the
-- database's owner may create it; Neon, RDS and Cloud SQL allow it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "props" JSONB,
ADD COLUMN     "template" TEXT,
ALTER COLUMN "html" DROP NOT NULL,
ALTER COLUMN "text" DROP NOT NULL;

-- CreateTable
CREATE TABLE "SendBudget" (
    "name" TEXT NOT NULL,
    "nextSlotAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SendBudget_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "User_name_trgm_idx" ON "User" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "User_username_trgm_idx" ON "User" USING GIN ("username" gin_trgm_ops);

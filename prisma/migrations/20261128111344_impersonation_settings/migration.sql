-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "impersonationIdleTimeoutSeconds" INTEGER,
ADD COLUMN     "impersonationMaxDurationSeconds" INTEGER,
ADD COLUMN     "impersonationReasonMinLength" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "impersonationReasonRequired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "impersonationViewOnly" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "timeZone" TEXT;

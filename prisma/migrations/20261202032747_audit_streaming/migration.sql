-- CreateEnum
CREATE TYPE "AuditStreamScope" AS ENUM ('IMPERSONATIONS', 'ADMIN_TIMELINE', 'BOTH');

-- CreateEnum
CREATE TYPE "AuditEndpointStatus" AS ENUM ('ACTIVE', 'PAUSED', 'DISABLED');

-- CreateEnum
CREATE TYPE "AuditDeliveryStatus" AS ENUM ('PENDING', 'DELIVERED');

-- CreateTable
CREATE TABLE "AuditStreamEndpoint" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "scope" "AuditStreamScope" NOT NULL,
    "status" "AuditEndpointStatus" NOT NULL DEFAULT 'ACTIVE',
    "secret" TEXT NOT NULL,
    "previousSecret" TEXT,
    "previousSecretUntil" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failingSince" TIMESTAMP(3),
    "disabledAt" TIMESTAMP(3),
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "AuditStreamEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditDelivery" (
    "id" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "sequence" BIGSERIAL NOT NULL,
    "messageId" TEXT NOT NULL,
    "eventId" BIGINT,
    "type" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "AuditDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "AuditDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditDeliveryAttempt" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,
    "httpStatus" INTEGER,
    "error" TEXT,
    "excerpt" TEXT,

    CONSTRAINT "AuditDeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditStreamEndpoint_organizationId_idx" ON "AuditStreamEndpoint"("organizationId");

-- CreateIndex
CREATE INDEX "AuditDelivery_endpointId_status_sequence_idx" ON "AuditDelivery"("endpointId", "status", "sequence");

-- CreateIndex
CREATE INDEX "AuditDelivery_endpointId_sequence_idx" ON "AuditDelivery"("endpointId", "sequence" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "AuditDeliveryAttempt_deliveryId_number_key" ON "AuditDeliveryAttempt"("deliveryId", "number");

-- AddForeignKey
ALTER TABLE "AuditStreamEndpoint" ADD CONSTRAINT "AuditStreamEndpoint_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditStreamEndpoint" ADD CONSTRAINT "AuditStreamEndpoint_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditDelivery" ADD CONSTRAINT "AuditDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "AuditStreamEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditDeliveryAttempt" ADD CONSTRAINT "AuditDeliveryAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "AuditDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

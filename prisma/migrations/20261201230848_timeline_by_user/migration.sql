-- CreateIndex
CREATE INDEX "TimelineEvent_organizationId_userId_id_idx" ON "TimelineEvent"("organizationId", "userId", "id" DESC);

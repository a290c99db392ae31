-- DropIndex
DROP INDEX "User_name_trgm_idx";

-- DropIndex
DROP INDEX "User_username_trgm_idx";

-- CreateTable
CREATE TABLE "PersonSearch" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL,
    "haystack" TEXT NOT NULL,

    CONSTRAINT "PersonSearch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PersonSearch_haystack_trgm_idx" ON "PersonSearch" USING GIN ("haystack" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "PersonSearch" ADD CONSTRAINT "PersonSearch_id_fkey" FOREIGN KEY ("id") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: "User" keeps "PersonSearch" in step, row by row, in the same transaction as the
-- change (a rename, a deactivation, a move), and the users there are already get their rows.
CREATE FUNCTION kaizen_person_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PersonSearch" ("id", "organizationId", "locationId", "name", "active", "haystack")
  VALUES (NEW."id", NEW."organizationId", NEW."locationId", NEW."name", NEW."active", lower(NEW."name") || chr(1) || NEW."username")
  ON CONFLICT ("id") DO UPDATE
    SET "organizationId" = EXCLUDED."organizationId", "locationId" = EXCLUDED."locationId", "name" = EXCLUDED."name",
        "active" = EXCLUDED."active", "haystack" = EXCLUDED."haystack";
  RETURN NULL;
END
$$;

CREATE TRIGGER "User_person_search" AFTER INSERT OR UPDATE OF "name", "username", "active", "organizationId", "locationId" ON "User"
  FOR EACH ROW EXECUTE FUNCTION kaizen_person_search_sync();

INSERT INTO "PersonSearch" ("id", "organizationId", "locationId", "name", "active", "haystack")
SELECT "id", "organizationId", "locationId", "name", "active", lower("name") || chr(1) || "username" FROM "User";

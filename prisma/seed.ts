// The demo organization (README, "Demo sign-ins"). Tests and docs rely on it: change it only with
// them. It writes rows directly, and its history through the one door (lib/mutation's transact).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { transact } from "@/lib/mutation";

export const DEMO_PASSWORD = "kaizen-demo";

type Perm = "IMPERSONATE_USER" | "GLOBAL_USER_ADMIN" | { local: string };

const ACME_USERS: {
  username: string;
  name: string;
  location: string;
  email: string | null;
  perms: Perm[];
  internal?: boolean;
  active?: boolean;
}[] = [
  { username: "gina", name: "Gina Global", location: "Acme Health", email: "gina@acme.test", perms: ["GLOBAL_USER_ADMIN", "IMPERSONATE_USER"] },
  { username: "luis", name: "Luis Local", location: "North Campus", email: "luis@acme.test", perms: [{ local: "North Campus" }, "IMPERSONATE_USER"] },
  { username: "lena", name: "Lena Local", location: "North Campus", email: "lena@acme.test", perms: [{ local: "North Campus" }] },
  { username: "nora", name: "Nora North", location: "North Campus", email: "nora@acme.test", perms: ["GLOBAL_USER_ADMIN"] },
  { username: "jane", name: "Jane Doe", location: "ICU", email: "jane@acme.test", perms: [] },
  { username: "sam", name: "Sam South", location: "South Campus", email: null, perms: [] },
  { username: "sid", name: "Sid Support", location: "Acme Health", email: "sid@vendor.test", perms: ["GLOBAL_USER_ADMIN", "IMPERSONATE_USER"], internal: true },
  { username: "dora", name: "Dora Departed", location: "North Campus", email: "dora@acme.test", perms: [], active: false },
];

const JANE_ITEMS = [
  { title: "Standardise ICU shift handover checklist", description: "Handover misses line-change times; agree one checklist for day and night shifts.", status: "IN_PROGRESS" },
  { title: "Label crash cart drawers by colour", description: "Finding the airway kit takes too long in an emergency.", status: "NEW" },
  { title: "Move glove boxes beside each bed", description: "Nurses walk to the supply room for gloves dozens of times per shift.", status: "PLANNED" },
  { title: "Daily huddle board at the nurses' station", description: "A visible board for the 08:00 huddle: safety issues, staffing, discharges.", status: "DONE" },
] as const;

export async function isDatabaseEmpty(db: PrismaClient): Promise<boolean> {
  return (await db.organization.count()) === 0;
}

export async function seedDemo(db: PrismaClient): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await transact(
    db,
    async ({ tx, record }) => {
      const acme = await tx.organization.create({ data: { name: "Acme Health" } });
      const location = async (name: string, parent?: { id: string; path: string; depth: number }) => {
        const created = await tx.location.create({
          data: { organizationId: acme.id, name, parentId: parent?.id ?? null, path: "", depth: parent ? parent.depth + 1 : 0 },
        });
        return tx.location.update({ where: { id: created.id }, data: { path: `${parent?.path ?? "/"}${created.id}/` } });
      };
      const root = await location("Acme Health");
      const north = await location("North Campus", root);
      const icu = await location("ICU", north);
      const south = await location("South Campus", root);
      const locations: Record<string, string> = {
        "Acme Health": root.id,
        "North Campus": north.id,
        ICU: icu.id,
        "South Campus": south.id,
      };

      const ids: Record<string, string> = {};
      for (const u of ACME_USERS) {
        const user = await tx.user.create({
          data: {
            organizationId: acme.id,
            username: u.username,
            name: u.name,
            email: u.email,
            locationId: locations[u.location]!,
            passwordHash,
            isInternal: u.internal ?? false,
            active: u.active ?? true,
            deactivatedAt: u.active === false ? new Date() : null,
          },
        });
        ids[u.username] = user.id;
        for (const perm of u.perms) {
          await tx.permissionGrant.create({
            data:
              typeof perm === "string"
                ? { organizationId: acme.id, userId: user.id, permission: perm }
                : { organizationId: acme.id, userId: user.id, permission: "LOCAL_USER_ADMIN", locationId: locations[perm.local]! },
          });
        }
      }

      const asJane = { organizationId: acme.id, userId: ids.jane!, actorId: ids.jane! };
      for (const item of JANE_ITEMS) {
        const created = await tx.item.create({
          data: { organizationId: acme.id, ...item, locationId: icu.id, assigneeId: ids.jane!, createdById: ids.jane! },
        });
        await record({ type: "item.created", itemId: created.id, details: { title: item.title, status: item.status } }, asJane);
      }
      const board = await tx.board.create({
        data: { organizationId: acme.id, ownerId: ids.jane!, name: "ICU Huddle", filters: { locationId: icu.id } },
      });
      await record({ type: "board.created", boardId: board.id, details: { name: "ICU Huddle" } }, asJane);

      const globex = await tx.organization.create({ data: { name: "Globex" } });
      const globexRoot = await tx.location.create({ data: { organizationId: globex.id, name: "Globex", path: "", depth: 0 } });
      await tx.location.update({ where: { id: globexRoot.id }, data: { path: `/${globexRoot.id}/` } });
      const gabe = await tx.user.create({
        data: { organizationId: globex.id, username: "gabe", name: "Gabe Globex", email: "gabe@globex.test", locationId: globexRoot.id, passwordHash },
      });
      await tx.permissionGrant.createMany({
        data: [
          { organizationId: globex.id, userId: gabe.id, permission: "GLOBAL_USER_ADMIN" },
          { organizationId: globex.id, userId: gabe.id, permission: "IMPERSONATE_USER" },
        ],
      });
    },
    { timeout: 30_000 },
  );
}

/** The sign-ins printed by the dev runner and listed in the README. */
export const DEMO_SIGN_INS = [
  ["gina", "Global User Administrator, may impersonate"],
  ["luis", "Local User Administrator (North Campus), may impersonate"],
  ["jane", "ICU nurse; owns the Board \"ICU Huddle\""],
  ["sid", "vendor support (internal)"],
] as const;

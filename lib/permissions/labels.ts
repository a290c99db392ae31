// How each permission reads. Prisma's enum is the list. Pure (client-safe).
import type { Permission } from "@/lib/generated/prisma/enums";

export const PERMISSION_LABELS: Record<Permission, string> = {
  IMPERSONATE_USER: "Impersonate User",
  GLOBAL_USER_ADMIN: "Global User Administrator",
  LOCAL_USER_ADMIN: "Local User Administrator",
};

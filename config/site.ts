// Navigation and site constants, in one place.
export const mainNav = [
  { href: "/", label: "Home" },
  { href: "/people", label: "People" },
  { href: "/items", label: "Items" },
  { href: "/boards", label: "Boards" },
] as const;

export const adminNav = [
  { href: "/admin/users", label: "User Management" },
  { href: "/admin/impersonations", label: "Impersonations" },
  { href: "/admin/timeline", label: "Admin Timeline" },
  { href: "/admin/lockouts", label: "Sign-in lockouts" },
] as const;

/** Only for Global User Administrators: the organization's own settings. */
export const globalAdminNav = [
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/streaming", label: "Audit streaming" },
] as const;

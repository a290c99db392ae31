// Navigation and site constants, in one place.
export const mainNav = [{ href: "/", label: "Home" }] as const;

// An organization's Locations, for pickers and filters.
import "server-only";
import type { RequestContext } from "@/lib/context";

export type Option = { value: string; label: string };

/** The viewer's organization's Locations in tree order, with their depth. */
export async function listLocations({ db, viewer }: Pick<RequestContext, "db" | "viewer">) {
  const locations = await db.location.findMany({
    where: { organizationId: viewer.organizationId },
    select: { id: true, name: true, path: true, depth: true, parentId: true },
  });
  // Sort by the chain of names from the root, so children follow their parent alphabetically.
  const byId = new Map(locations.map((l) => [l.id, l]));
  const chain = (l: (typeof locations)[number]): string =>
    l.path
      .split("/")
      .filter(Boolean)
      .map((id) => byId.get(id)?.name ?? "")
      .join("\u0000");
  return locations.sort((a, b) => chain(a).localeCompare(chain(b)));
}

/** Locations as indented options, in tree order. */
export function locationOptions(locations: { id: string; name: string; depth: number }[]): Option[] {
  return locations.map((l) => ({ value: l.id, label: `${"\u00a0\u00a0".repeat(l.depth)}${l.name}` }));
}

export async function listLocationOptions(ctx: Pick<RequestContext, "db" | "viewer">): Promise<Option[]> {
  return locationOptions(await listLocations(ctx));
}

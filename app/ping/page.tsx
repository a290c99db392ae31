// A signed-in page with nothing of its own: the session read (the root layout and requireContext,
// as on every page) and a line of text. `npm run bench` loads it beside the real pages as the floor
// they stand on — what a dynamic page costs here before it does any work.
import type { Metadata } from "next";
import { requireContext } from "@/lib/context";

export const metadata: Metadata = { title: "Signed in" };

export default async function PingPage() {
  const ctx = await requireContext();
  return (
    <main id="main" className="p-6">
      <p>Signed in as {ctx.viewer.name}.</p>
    </main>
  );
}

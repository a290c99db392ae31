// When an impersonation is over, computed (lib/impersonation/lifecycle.ts): whichever comes first of
// the idle cutoff, the absolute cap and the end of the access grant it runs under — checked against
// a plain restatement of the rule for generated timelines (fast-check), and at the edges.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IDLE_GRACE_MS, howItRanOut } from "@/lib/impersonation/lifecycle";

const t0 = Date.UTC(2026, 11, 2, 9, 0, 0);
const at = (ms: number) => new Date(t0 + ms);

describe("howItRanOut", () => {
  it("is the earliest of idleness, the cap and the grant's end, or nothing before any of them", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_600_000 }), // last activity after t0
        fc.integer({ min: 60, max: 1_800 }), // idle limit, seconds
        fc.integer({ min: 1, max: 7_200_000 }), // cap after t0
        fc.option(fc.record({ expires: fc.integer({ min: 1, max: 7_200_000 }), revoked: fc.option(fc.integer({ min: 0, max: 7_200_000 })) })),
        fc.integer({ min: 0, max: 9_000_000 }), // now
        (activity, idleSeconds, cap, grant, now) => {
          const session = {
            lastActivityAt: at(activity),
            idleTimeoutSeconds: idleSeconds,
            absoluteExpiresAt: at(cap),
            grant: grant ? { expiresAt: at(grant.expires), revokedAt: grant.revoked === null ? null : at(grant.revoked) } : null,
          };
          const idleEnd = activity + idleSeconds * 1000;
          const candidates: [string, number][] = [];
          if (now >= cap) candidates.push(["ABSOLUTE_CAP", cap]);
          if (now > idleEnd + IDLE_GRACE_MS) candidates.push(["INACTIVITY", idleEnd]);
          if (grant) {
            if (grant.revoked !== null && grant.revoked <= now && grant.revoked < grant.expires) candidates.push(["CONSENT_REVOKED", grant.revoked]);
            else if (grant.expires <= now) candidates.push(["CONSENT_EXPIRED", grant.expires]);
          }
          const first = candidates.reduce<[string, number] | null>((a, c) => (!a || c[1] < a[1] ? c : a), null);
          const end = howItRanOut(session, at(now));
          expect(end ? [end.reason, end.endedAt.getTime() - t0] : null).toEqual(first);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("keeps its old answers without a grant: the cap wins a tie with idleness", () => {
    const session = { lastActivityAt: at(0), idleTimeoutSeconds: 300, absoluteExpiresAt: at(300_000) };
    expect(howItRanOut(session, at(300_000 + IDLE_GRACE_MS + 1))).toEqual({ reason: "ABSOLUTE_CAP", endedAt: at(300_000) });
    expect(howItRanOut(session, at(299_999))).toBeNull();
  });

  it("a grant revoked ends it when it was revoked; one that ran out, when it ran out", () => {
    const base = { lastActivityAt: at(590_000), idleTimeoutSeconds: 300, absoluteExpiresAt: at(3_600_000) };
    expect(howItRanOut({ ...base, grant: { expiresAt: at(600_000), revokedAt: at(595_000) } }, at(596_000))).toEqual({ reason: "CONSENT_REVOKED", endedAt: at(595_000) });
    expect(howItRanOut({ ...base, grant: { expiresAt: at(600_000), revokedAt: null } }, at(599_999))).toBeNull();
    expect(howItRanOut({ ...base, grant: { expiresAt: at(600_000), revokedAt: null } }, at(600_000))).toEqual({ reason: "CONSENT_EXPIRED", endedAt: at(600_000) });
  });
});

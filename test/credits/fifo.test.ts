import { describe, expect, it } from "vitest";
import {
  allocateSpend,
  type LiveGrant,
  planClawback,
  planRefund,
  type SpentAllocation,
} from "../../src/credits/fifo";

const NOW = new Date("2026-06-15T12:00:00Z");
const at = (iso: string) => new Date(iso);
const grant = (
  id: string,
  remaining: number,
  expires: string | null,
  created = "2026-06-01",
): LiveGrant => ({
  id,
  remaining,
  expiresAt: expires ? at(expires) : null,
  createdAt: at(created),
});

describe("allocateSpend: earliest-expiring grants first", () => {
  const cases: {
    name: string;
    grants: LiveGrant[];
    amount: number;
    expected: { grantId: string; amount: number }[] | null;
  }[] = [
    {
      name: "one grant covers it",
      grants: [grant("a", 10, "2026-07-01")],
      amount: 4,
      expected: [{ grantId: "a", amount: 4 }],
    },
    {
      name: "the sooner expiry goes first, whatever the insertion order",
      grants: [grant("late", 10, "2026-09-01"), grant("soon", 10, "2026-06-20")],
      amount: 5,
      expected: [{ grantId: "soon", amount: 5 }],
    },
    {
      name: "spills over into the next grant",
      grants: [grant("soon", 3, "2026-06-20"), grant("late", 10, "2026-09-01")],
      amount: 5,
      expected: [
        { grantId: "soon", amount: 3 },
        { grantId: "late", amount: 2 },
      ],
    },
    {
      name: "never-expiring grants are used last",
      grants: [grant("forever", 100, null), grant("dated", 2, "2027-01-01")],
      amount: 5,
      expected: [
        { grantId: "dated", amount: 2 },
        { grantId: "forever", amount: 3 },
      ],
    },
    {
      name: "same expiry: the older grant first",
      grants: [
        grant("newer", 5, "2026-07-01", "2026-06-10"),
        grant("older", 5, "2026-07-01", "2026-06-02"),
      ],
      amount: 6,
      expected: [
        { grantId: "older", amount: 5 },
        { grantId: "newer", amount: 1 },
      ],
    },
    {
      name: "expired grants do not count, even with credits left",
      grants: [grant("expired", 50, "2026-06-15T11:59:59Z"), grant("live", 5, "2026-07-01")],
      amount: 6,
      expected: null,
    },
    {
      name: "expiring exactly now counts as expired",
      grants: [grant("edge", 5, "2026-06-15T12:00:00Z")],
      amount: 1,
      expected: null,
    },
    {
      name: "exactly the balance succeeds",
      grants: [grant("a", 2, "2026-07-01"), grant("b", 3, null)],
      amount: 5,
      expected: [
        { grantId: "a", amount: 2 },
        { grantId: "b", amount: 3 },
      ],
    },
    { name: "no grants at all", grants: [], amount: 1, expected: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(allocateSpend(c.grants, c.amount, NOW)).toEqual(c.expected);
    });
  }
});

const spent = (
  grantId: string,
  amount: number,
  expires: string | null,
  extra: Partial<SpentAllocation> = {},
): SpentAllocation => ({
  grantId,
  amount,
  expiresAt: expires ? at(expires) : null,
  createdAt: at("2026-06-01"),
  revokedAt: null,
  ...extra,
});

describe("planRefund: back to the grants the spend used, expiry kept", () => {
  const cases: {
    name: string;
    allocations: SpentAllocation[];
    amount: number;
    returns: { grantId: string; amount: number }[];
    forfeited: number;
  }[] = [
    {
      name: "a full refund returns every allocation",
      allocations: [spent("soon", 3, "2026-06-20"), spent("late", 2, "2026-09-01")],
      amount: 5,
      returns: [
        { grantId: "late", amount: 2 },
        { grantId: "soon", amount: 3 },
      ],
      forfeited: 0,
    },
    {
      name: "a partial refund returns the latest-expiring credits first",
      allocations: [spent("soon", 3, "2026-06-20"), spent("late", 2, "2026-09-01")],
      amount: 3,
      returns: [
        { grantId: "late", amount: 2 },
        { grantId: "soon", amount: 1 },
      ],
      forfeited: 0,
    },
    {
      name: "credits whose grant expired meanwhile are forfeited, not revived",
      allocations: [spent("gone", 4, "2026-06-10"), spent("late", 2, "2026-09-01")],
      amount: 6,
      returns: [{ grantId: "late", amount: 2 }],
      forfeited: 4,
    },
    {
      name: "everything expired: nothing returned, all forfeited",
      allocations: [spent("gone", 4, "2026-06-10")],
      amount: 4,
      returns: [],
      forfeited: 4,
    },
    {
      name: "a revoked (clawed back) grant takes nothing back",
      allocations: [spent("refunded-order", 5, null, { revokedAt: at("2026-06-14") })],
      amount: 5,
      returns: [],
      forfeited: 5,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plan = planRefund(c.allocations, c.amount, NOW);
      expect(plan.returns).toEqual(c.returns);
      expect(plan.forfeited).toBe(c.forfeited);
      expect(plan.returned + plan.forfeited).toBe(c.amount);
    });
  }
});

describe("planClawback: only what is unspent and alive", () => {
  it("takes the remaining of live grants, ignores spent, expired and revoked ones", () => {
    const grants = [
      { id: "partly-spent", remaining: 30, expiresAt: null, revokedAt: null },
      { id: "all-spent", remaining: 0, expiresAt: null, revokedAt: null },
      { id: "expired", remaining: 50, expiresAt: at("2026-06-01"), revokedAt: null },
      { id: "revoked", remaining: 10, expiresAt: null, revokedAt: at("2026-06-14") },
    ];
    expect(planClawback(grants, NOW)).toEqual([{ grantId: "partly-spent", amount: 30 }]);
  });
});

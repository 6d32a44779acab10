/**
 * The ledger's arithmetic, free of I/O so every rule can be tested as a table: which grants a
 * spend consumes, where a refund's credits go, what a clawback may take.
 */

export interface LiveGrant {
  id: string;
  remaining: number;
  expiresAt: Date | null;
  createdAt: Date;
}

export interface Allocation {
  grantId: string;
  amount: number;
}

/** A grant can be spent from (and refunded into) while unexpired and not revoked. */
export function isGrantLive(
  grant: { expiresAt: Date | null; revokedAt?: Date | null },
  now: Date,
): boolean {
  if (grant.revokedAt) return false;
  return grant.expiresAt === null || grant.expiresAt.getTime() > now.getTime();
}

/** Spend order: earliest expiry first, never-expiring last, then oldest first. */
export function compareSpendOrder(a: LiveGrant, b: LiveGrant): number {
  const ax = a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bx = b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (ax !== bx) return ax < bx ? -1 : 1;
  const ac = a.createdAt.getTime();
  const bc = b.createdAt.getTime();
  if (ac !== bc) return ac - bc;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Takes `amount` from the live grants, earliest-expiring first. Returns null when they hold
 * less than `amount` (the caller then writes nothing).
 */
export function allocateSpend(grants: LiveGrant[], amount: number, now: Date): Allocation[] | null {
  const ordered = grants
    .filter((g) => g.remaining > 0 && isGrantLive(g, now))
    .sort(compareSpendOrder);
  const allocations: Allocation[] = [];
  let left = amount;
  for (const grant of ordered) {
    if (left === 0) break;
    const take = Math.min(grant.remaining, left);
    allocations.push({ grantId: grant.id, amount: take });
    left -= take;
  }
  return left === 0 ? allocations : null;
}

export interface SpentAllocation extends Allocation {
  expiresAt: Date | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface RefundPlan {
  /** Credits put back on live grants; each keeps its grant's expiry. */
  returns: Allocation[];
  returned: number;
  /** Credits whose grant expired or was revoked since the spend: not revived. */
  forfeited: number;
}

/**
 * A refund walks the spend's allocations in reverse spend order (latest-expiring first), so a
 * partial refund gives back the credits that would have lasted longest. Credits whose grant has
 * expired or been revoked in the meantime are forfeited, not revived: a refund never extends
 * the life of credits beyond the grant they came from.
 */
export function planRefund(spent: SpentAllocation[], amount: number, now: Date): RefundPlan {
  const reversed = [...spent].sort((a, b) =>
    compareSpendOrder(
      { id: b.grantId, remaining: 0, expiresAt: b.expiresAt, createdAt: b.createdAt },
      { id: a.grantId, remaining: 0, expiresAt: a.expiresAt, createdAt: a.createdAt },
    ),
  );
  const returns: Allocation[] = [];
  let left = amount;
  let forfeited = 0;
  for (const allocation of reversed) {
    if (left === 0) break;
    const take = Math.min(allocation.amount, left);
    left -= take;
    if (isGrantLive(allocation, now)) returns.push({ grantId: allocation.grantId, amount: take });
    else forfeited += take;
  }
  const returned = returns.reduce((sum, r) => sum + r.amount, 0);
  return { returns, returned, forfeited };
}

export interface OrderGrant {
  id: string;
  remaining: number;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/**
 * A clawback takes only what is still unspent and unexpired on the order's grants: credits
 * already used stay used, so the balance can never go below zero. Expired remainders are left
 * to the expiry job (they count for nothing either way).
 */
export function planClawback(grants: OrderGrant[], now: Date): Allocation[] {
  return grants
    .filter((g) => g.remaining > 0 && isGrantLive(g, now))
    .map((g) => ({ grantId: g.id, amount: g.remaining }));
}

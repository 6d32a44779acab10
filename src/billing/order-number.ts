const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/**
 * Human-friendly and unguessable: `AF-20261123-7KQ2MX9D`. The date helps support find an
 * order; 40 random bits keep collisions out of reach (and the column is unique anyway).
 */
export function newOrderNo(now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, "");
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const tail = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
  return `AF-${day}-${tail}`;
}

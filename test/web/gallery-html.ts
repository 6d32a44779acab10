/** What a reader (or the lead's browser tests) sees of the gallery's cards, read from the HTML. */
export interface CardView {
  type: string;
  uuid: string;
  liked: string | undefined;
  likeCount: number;
  favorited: string | undefined;
  favoriteCount: number;
}

function attr(html: string, pattern: RegExp): string | undefined {
  return pattern.exec(html)?.[1];
}

/** The cards in page order with their like and favorite state. */
export function cardsOf(html: string): CardView[] {
  return html
    .split(`data-testid="work-card"`)
    .slice(1)
    .map((chunk) => {
      const card = chunk.split("</article>")[0] ?? "";
      return {
        type: attr(card, /data-type="([^"]+)"/) ?? "",
        uuid: attr(card, /data-uuid="([^"]+)"/) ?? "",
        liked: attr(card, /aria-pressed="(\w+)" data-testid="like-button"/),
        likeCount: Number(attr(card, /data-testid="like-count">(\d+)</)),
        favorited: attr(card, /aria-pressed="(\w+)" data-testid="favorite-button"/),
        favoriteCount: Number(attr(card, /data-testid="favorite-count">(\d+)</)),
      };
    });
}

/** The more link's page URL and API URL, entity-decoded, or null when this is the last page. */
export function moreLinkOf(html: string): { href: string; api: string } | null {
  const tag = /<a[^>]*data-testid="more-link"[^>]*>/.exec(html)?.[0];
  if (!tag) return null;
  const decode = (value: string | undefined) => (value ?? "").replaceAll("&amp;", "&");
  return {
    href: decode(attr(tag, /href="([^"]+)"/)),
    api: decode(attr(tag, /data-api="([^"]+)"/)),
  };
}

import type { Context } from "hono";
import type { AppEnv } from "../../context";

/**
 * CSV exports (RFC 4180): every field that holds a comma, quote, CR or LF is quoted with its
 * quotes doubled; lines end in CRLF; the file starts with a UTF-8 BOM so spreadsheet apps read
 * Japanese and Chinese names right. Text that a spreadsheet would run as a formula (=, +, -, @,
 * tab, CR first) gets a leading apostrophe — emails, names and prompts are user input. Numbers
 * are written as they are, so figures parse back unchanged.
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvValue;
}

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = value instanceof Date ? value.toISOString() : value;
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(fields: CsvValue[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** Rows come in batches (a report's rows, or the pages of a list walked to the end). */
export type RowBatches<Row> = AsyncIterable<Row[]> | Iterable<Row[]>;

/**
 * A streamed CSV download: the header line goes out at once, then each batch as it is read,
 * so a large export never sits in memory whole.
 */
export function csvResponse<Row>(
  c: Context<AppEnv>,
  input: { filename: string; columns: CsvColumn<Row>[]; batches: RowBatches<Row> },
): Response {
  const encoder = new TextEncoder();
  const iterator =
    Symbol.asyncIterator in input.batches
      ? input.batches[Symbol.asyncIterator]()
      : toAsync(input.batches[Symbol.iterator]());
  const { logger, background } = c.get("services");
  // The request's database pool closes once background work is done: the stream is background
  // work, read after the handler returned, so the pool stays open until its last batch.
  let finished: () => void = () => {};
  background(new Promise<void>((resolve) => (finished = resolve)));
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(
        encoder.encode(`\uFEFF${csvLine(input.columns.map((col) => col.header))}`),
      );
    },
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          finished();
          return;
        }
        const text = next.value.map((row) => csvLine(input.columns.map((col) => col.value(row))));
        if (text.length > 0) controller.enqueue(encoder.encode(text.join("")));
      } catch (error) {
        // Headers are gone already; a cut-off file is the only honest signal left.
        logger.error("admin: csv export failed mid-stream", { filename: input.filename, error });
        controller.error(error);
        finished();
      }
    },
    async cancel() {
      await iterator.return?.();
      finished();
    },
  });
  return c.body(stream, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${input.filename}"`,
    "Cache-Control": "no-store",
  });
}

async function* toAsync<T>(iterator: Iterator<T>): AsyncGenerator<T> {
  for (let next = iterator.next(); !next.done; next = iterator.next()) yield next.value;
}

/** `aniforge-<name>-<from>_<to>.csv`: safe characters only, so the header needs no escaping. */
export function csvFilename(name: string, ...parts: (string | undefined)[]): string {
  const suffix = parts.filter(Boolean).join("_");
  const base = suffix ? `aniforge-${name}-${suffix}` : `aniforge-${name}`;
  return `${base.replace(/[^A-Za-z0-9._-]/g, "-")}.csv`;
}

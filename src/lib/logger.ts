export type LogLevel = "debug" | "info" | "warn" | "error";
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/**
 * The level from a raw env value. Loggers exist before the env is validated (so that a bad
 * env can itself be logged), hence a lenient read: anything unknown means "info".
 */
export function logLevelFrom(value: unknown): LogLevel {
  return typeof value === "string" && value in RANK ? (value as LogLevel) : "info";
}

/** Where log lines go; tests pass an array sink to read what was logged. */
export type LogSink = (line: string) => void;
const consoleSink: LogSink = (line) => console.log(line);

// Keys whose values never reach a log line, whatever a caller passes.
const SECRET_KEY = /secret|password|token|authorization|cookie|api[-_]?key/i;

/** Structured JSON logs, one object per line; Workers Logs indexes the fields. */
export function createLogger(
  options: { level?: LogLevel; base?: Record<string, unknown>; sink?: LogSink } = {},
): Logger {
  const min = RANK[options.level ?? "info"];
  const base = options.base ?? {};
  const sink = options.sink ?? consoleSink;
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[level] < min) return;
    sink(
      JSON.stringify({ level, msg, time: new Date().toISOString(), ...base, ...redact(fields) }),
    );
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
    child: (fields) => createLogger({ level: options.level, base: { ...base, ...fields }, sink }),
  };
}

function redact(fields?: Record<string, unknown>): Record<string, unknown> | undefined {
  if (!fields) return fields;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_KEY.test(key)) out[key] = "[redacted]";
    else if (value instanceof Error)
      out[key] = { name: value.name, message: value.message, stack: value.stack };
    else out[key] = value;
  }
  return out;
}

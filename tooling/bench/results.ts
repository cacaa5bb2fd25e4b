/**
 * Reads what a benchmark script printed into measurements. The protocol, for every
 * `tooling/bench/*.bench.ts`: print one line per measurement as
 *
 *   BENCH {"name": "search p95", "value": 12.3, "unit": "ms", "atoms": 1000}
 *
 * (`name`, `value` and `unit` required; any other fields are kept). A script that prints no such
 * line is read from its text instead: every line `<label>: <number> <unit>` is one measurement.
 */

export interface Measurement {
  readonly bench: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly [extra: string]: unknown;
}

const BENCH_LINE = /^BENCH\s+(\{.*\})\s*$/;
/** `label: 1.23 s`, `label   12 ms`, `label: 1,234 req/s` (first number with a unit after a colon). */
const TEXT_LINE = /^\s*([^:]{3,}?):\s+([\d][\d,]*(?:\.\d+)?)\s*(ms|s|µs|us|req\/s|ops\/s|MB|KB|GB|B|atoms\/s|units\/s|%)(?=\s|$|[,;)])/;

/**
 * Measurements of one benchmark's output.
 *
 * @example parseBenchOutput('lint', 'BENCH {"name":"full","value":1.5,"unit":"s"}') //=> [{ bench: 'lint', name: 'full', value: 1.5, unit: 's' }]
 * @example parseBenchOutput('lint', 'lint 1000 atoms (full): 2.10 s  exit 1')[0].value //=> 2.1
 */
export function parseBenchOutput(bench: string, stdout: string): Measurement[] {
  const lines = stdout.split(/\r?\n/);
  const structured: Measurement[] = [];
  for (const line of lines) {
    const match = BENCH_LINE.exec(line);
    if (!match) continue;
    try {
      const data = JSON.parse(match[1] ?? '') as Record<string, unknown>;
      if (typeof data.name === 'string' && typeof data.value === 'number' && Number.isFinite(data.value) && typeof data.unit === 'string') {
        structured.push({ ...data, bench, name: data.name, value: data.value, unit: data.unit });
      }
    } catch {
      // A malformed BENCH line is skipped; the text lines below may still carry the figure.
    }
  }
  if (structured.length > 0) return dedupe(structured);
  const fromText: Measurement[] = [];
  for (const line of lines) {
    const match = TEXT_LINE.exec(line);
    if (!match) continue;
    fromText.push({ bench, name: (match[1] ?? '').trim().replace(/\s+/g, ' '), value: Number((match[2] ?? '').replace(/,/g, '')), unit: match[3] ?? '' });
  }
  return dedupe(fromText);
}

/** A script that prints its rows as it goes and again in a summary reports each row once (the last). */
function dedupe(measurements: readonly Measurement[]): Measurement[] {
  const byName = new Map<string, Measurement>();
  for (const m of measurements) {
    byName.delete(m.name);
    byName.set(m.name, m);
  }
  return [...byName.values()];
}

/**
 * A figure as the table prints it: three significant digits, thousands separated.
 *
 * @example formatValue(1234.567) //=> '1,235'
 * @example formatValue(0.01234) //=> '0.0123'
 */
export function formatValue(value: number): string {
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}

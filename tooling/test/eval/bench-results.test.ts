import { describe, expect, test } from 'vitest';
import { formatValue, parseBenchOutput } from '../../bench/results.js';

describe('parseBenchOutput', () => {
  test('reads BENCH lines and keeps their extra fields', () => {
    const out = 'warming up\nBENCH {"name":"search p95","value":12.5,"unit":"ms","atoms":1000}\nBENCH {"name":"search p50","value":3,"unit":"ms"}\n';
    expect(parseBenchOutput('search', out)).toEqual([
      { bench: 'search', name: 'search p95', value: 12.5, unit: 'ms', atoms: 1000 },
      { bench: 'search', name: 'search p50', value: 3, unit: 'ms' },
    ]);
  });

  test('prefers BENCH lines over text and skips malformed ones', () => {
    const out = 'BENCH {"name":"x","value":"fast","unit":"ms"}\nBENCH {broken\nBENCH {"name":"y","value":2,"unit":"s"}\nz: 5 s\n';
    expect(parseBenchOutput('b', out).map((m) => m.name)).toEqual(['y']);
  });

  test('reads `label: number unit` text lines when there is no BENCH line, once per label', () => {
    const out = [
      'lint 1000 atoms (cold process, full):        2.10 s  exit 1  12 errors, 3 warnings  (generated in 0.4 s)',
      '',
      'machine: 2 cores, Node v20.20.2',
      'lint 1000 atoms (cold process, full):        2.05 s  exit 1  12 errors, 3 warnings  (generated in 0.4 s)',
      'requests: 1,234 req/s',
    ].join('\n');
    expect(parseBenchOutput('lint', out)).toEqual([
      { bench: 'lint', name: 'lint 1000 atoms (cold process, full)', value: 2.05, unit: 's' },
      { bench: 'lint', name: 'requests', value: 1234, unit: 'req/s' },
    ]);
  });

  test('finds nothing in output without figures', () => {
    expect(parseBenchOutput('b', 'Error: cannot find module\n  at x (file.ts:1:2)')).toEqual([]);
  });
});

test('formatValue keeps three significant digits', () => {
  expect([formatValue(0.01234), formatValue(2.049), formatValue(12345.6), formatValue(99.95)]).toEqual(['0.0123', '2.05', '12,346', '100']);
});

import { describe, expect, test } from 'vitest';
import { WindowCounters } from './cluster-rate-limit.js';

const WINDOW = 60_000;

describe('the counters a cluster primary keeps for its workers', () => {
  test('count each client within a window, and from one again in the next', () => {
    const counters = new WindowCounters();
    const at = 10 * WINDOW + 15_000;
    expect(counters.count('10.0.0.1', WINDOW, at)).toEqual({ current: 1, ttl: 45_000 });
    expect(counters.count('10.0.0.1', WINDOW, at + 1_000)).toEqual({ current: 2, ttl: 44_000 });
    expect(counters.count('10.0.0.2', WINDOW, at + 1_000)).toEqual({ current: 1, ttl: 44_000 });
    expect(counters.count('10.0.0.1', WINDOW, 11 * WINDOW + 1_000)).toEqual({ current: 1, ttl: 59_000 });
  });

  test('forget clients whose window is over', () => {
    const counters = new WindowCounters();
    counters.count('10.0.0.1', WINDOW, 10 * WINDOW);
    counters.count('10.0.0.2', WINDOW, 12 * WINDOW);
    counters.count('10.0.0.3', WINDOW, 12 * WINDOW + 30_000);
    expect(counters.size).toBe(2);
  });
});

import { describe, expect, test } from 'vitest';
import { Cooldown } from './cooldown.js';

function clocked(ms: number) {
  const clock = { now: 0 };
  return { clock, cooldown: new Cooldown(ms, () => clock.now) };
}

describe('Cooldown', () => {
  test('skips a model that hung until its cool-down is over, then lets one trial call through', () => {
    const { clock, cooldown } = clocked(1000);
    expect(cooldown.admit('m')).toBe(true);
    cooldown.failed('m', 'timeout');
    clock.now = 999;
    expect(cooldown.admit('m')).toBe(false);
    expect(cooldown.coolingDown()).toEqual(['m']);
    clock.now = 1000;
    expect(cooldown.admit('m')).toBe(true);
    // While the trial is under way, other questions keep skipping it.
    expect(cooldown.admit('m')).toBe(false);
    expect(cooldown.coolingDown()).toEqual(['m']);
    cooldown.succeeded('m');
    expect(cooldown.admit('m')).toBe(true);
    expect(cooldown.coolingDown()).toEqual([]);
  });

  test('a failed trial starts a new cool-down', () => {
    const { clock, cooldown } = clocked(1000);
    cooldown.failed('m', 'incomplete');
    clock.now = 1000;
    expect(cooldown.admit('m')).toBe(true);
    cooldown.failed('m', 'server_error');
    clock.now = 1999;
    expect(cooldown.admit('m')).toBe(false);
    clock.now = 2000;
    expect(cooldown.admit('m')).toBe(true);
  });

  test('an abandoned trial leaves the trial to the next call', () => {
    const { clock, cooldown } = clocked(1000);
    cooldown.failed('m', 'connection');
    clock.now = 1000;
    expect(cooldown.admit('m')).toBe(true);
    cooldown.abandoned('m');
    expect(cooldown.admit('m')).toBe(true);
  });

  test.each(['timeout', 'rate_limited', 'server_error', 'connection', 'malformed', 'incomplete'] as const)('a %s failure starts a cool-down', (reason) => {
    const { cooldown } = clocked(1000);
    cooldown.failed('m', reason);
    expect(cooldown.admit('m')).toBe(false);
  });

  test.each(['client_error', 'length', 'content_filter'] as const)('a %s failure says nothing of the model and ends its cool-down', (reason) => {
    const { clock, cooldown } = clocked(1000);
    cooldown.failed('m', reason);
    expect(cooldown.admit('m')).toBe(true);
    cooldown.failed('m', 'timeout');
    clock.now = 1000;
    expect(cooldown.admit('m')).toBe(true);
    cooldown.failed('m', reason);
    expect(cooldown.coolingDown()).toEqual([]);
  });

  test('a cool-down of 0 never skips a model', () => {
    const { cooldown } = clocked(0);
    cooldown.failed('m', 'timeout');
    expect(cooldown.admit('m')).toBe(true);
    expect(cooldown.coolingDown()).toEqual([]);
  });

  test('models cool down on their own', () => {
    const { cooldown } = clocked(1000);
    cooldown.failed('a', 'timeout');
    expect(cooldown.admit('b')).toBe(true);
    expect(cooldown.coolingDown()).toEqual(['a']);
  });
});

/**
 * Severities per rule code: each rule's default, overridden by `lint.rules` in
 * atomkit.config.yaml (`markdown/*`, or any `<family>/*`, sets a whole family). Unknown codes
 * are a config error, caught when the configuration is loaded.
 */
import { readFileSync } from 'node:fs';
import { didYouMean } from '../text/did-you-mean.js';
import { parseDocument, isMap, isPair, isScalar } from 'yaml';
import { ConfigError, type AtomkitConfig } from '../config/load.js';
import type { Position } from '../atom/position.js';
import { LineIndex } from '../atom/position.js';
import { RULE_CODES, RULE_METAS } from './registry.js';
import type { SeveritySetting } from './types.js';

export type Severities = ReadonlyMap<string, SeveritySetting>;

/**
 * @example resolveSeverities(config).get('size/too-long') //=> 'warn'
 * @throws ConfigError for an unknown rule code in `lint.rules`
 */
export function resolveSeverities(config: Pick<AtomkitConfig, 'lint' | 'file'>): Severities {
  const overrides = Object.entries(config.lint.rules as Record<string, SeveritySetting>);
  const severities = new Map<string, SeveritySetting>();
  for (const code of RULE_CODES) severities.set(code, RULE_METAS.get(code)!.defaultSeverity);
  // Family keys first, so an exact code beats `family/*` whatever the order in the file.
  const ordered = [...overrides.filter(([key]) => key.endsWith('/*')), ...overrides.filter(([key]) => !key.endsWith('/*'))];
  for (const [key, severity] of ordered) {
    const matches = key.endsWith('/*') ? RULE_CODES.filter((code) => code.startsWith(key.slice(0, -1))) : RULE_CODES.filter((code) => code === key);
    if (matches.length === 0) {
      const families = [...new Set(RULE_CODES.map((code) => `${code.split('/')[0]}/*`))];
      const guess = didYouMean(key, [...RULE_CODES, ...families]);
      throw new ConfigError(
        `Unknown lint rule \`${key}\` in lint.rules${guess ? `; did you mean \`${guess}\`?` : '.'}`,
        config.file,
        config.file ? keyPosition(config.file, key) : undefined,
        'Rule codes are listed by `atomkit lint --list-rules`.',
      );
    }
    for (const code of matches) severities.set(code, severity);
  }
  return severities;
}

function keyPosition(file: string, key: string): Position | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    const rules = parseDocument(text).getIn(['lint', 'rules'], true);
    if (!isMap(rules)) return undefined;
    const pair = rules.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
    const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    return offset === undefined ? undefined : new LineIndex(text).position(offset);
  } catch {
    return undefined;
  }
}

/**
 * package.json's `engines.node` against the packages an install of atomkit gets: each says in its
 * own `engines.node` which Node.js it supports, and npm warns (or, with engine-strict, refuses) when
 * the running one is not among them. atomkit may only claim what every one of them supports.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface LockedPackage {
  readonly version?: string;
  readonly dev?: boolean;
  readonly engines?: { readonly node?: string } | readonly string[];
}

test('every package a production install gets supports each Node.js version engines.node allows', () => {
  const { engines } = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, 'utf8')) as { packages: Record<string, LockedPackage> };
  const narrower = Object.entries(lock.packages)
    // Dev entries are the project's own tools, and the peers (astro, Starlight, openai): a user picks
    // their versions, each stating its own range, and the README says which ask for more.
    .filter(([location, entry]) => location !== '' && !entry.dev)
    .flatMap(([location, entry]) => {
      const range = Array.isArray(entry.engines) ? undefined : (entry.engines as { node?: string } | undefined)?.node;
      return range && !semver.subset(engines.node, range) ? [`${location.replace(/^.*node_modules\//, '')}@${entry.version}: ${range}`] : [];
    });
  expect(narrower, `these support fewer Node.js versions than engines.node (${engines.node}) claims`).toEqual([]);
});

// Stops a command started on a Node.js older than package.json's `engines.node` with one sentence,
// before any dependency is loaded: on an old Node they fail deep inside with a stack trace instead.
// Run directly (`node bin/require-node.js`) it is the check npm scripts start with.
import { readFileSync } from 'node:fs';

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
/** `[major, minor]` of the oldest supported Node.js, from `engines.node` (`>=22.16`: node:sqlite with backups and busy timeouts). */
const [minMajor, minMinor = 0] = /^>=\s*(\d+)(?:\.(\d+))?/.exec(engines.node).slice(1).map((part) => Number(part ?? 0));

/** The sentence to print when `version` (e.g. `v20.20.2`) is too old, or undefined when it is new enough. */
export function nodeTooOld(version = process.version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  if (major > minMajor || (major === minMajor && minor >= minMinor)) return undefined;
  return (
    `atomkit needs Node.js ${minMajor}.${minMinor} or newer (24 LTS recommended), but this is Node.js ${version}: ` +
    'install Node.js 24 from https://nodejs.org/ or with your version manager (`nvm install 24`), then run the command again.'
  );
}

/** Exits with code 2 and the sentence when the running Node.js is too old. */
export function requireNode() {
  const message = nodeTooOld();
  if (!message) return;
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file:').href) requireNode();

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/atomkit.js', import.meta.url));

test('a reader that stops reading (atomkit lint --list-rules | head -1) ends the output, not the command, and prints no EPIPE', () => {
  for (let run = 0; run < 3; run++) {
    const piped = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" lint --list-rules | head -1; exit \${PIPESTATUS[0]}`], { encoding: 'utf8' });
    expect(piped.stdout).toMatch(/^\S+\s+(error|warn|off)\s/);
    expect(piped.stdout.split('\n')).toHaveLength(2);
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(0);
  }
});

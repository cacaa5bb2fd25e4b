/** `--format json`: the diagnostics as a JSON array, one object per finding (stable field order). */
import type { Reporter } from './types.js';

export const json: Reporter = (diagnostics) => `${JSON.stringify(diagnostics, null, 2)}\n`;

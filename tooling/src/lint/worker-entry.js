// Entry of a lint worker thread: sources are TypeScript (no build step), so register tsx first,
// as bin/atomkit.js does for the main thread.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

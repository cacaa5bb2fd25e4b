// Entry of a lint worker thread when atomkit runs from its TypeScript sources (tests): registers
// tsx first. The compiled package starts workers on dist/…/worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

/**
 * The worker thread `AtomStore.loadInWorker()` starts: loads and checks the atoms as `load()` does
 * and sends back their page data and the problems found, never the parsed trees.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AtomStore, type AtomStoreOptions, type LoadedAtoms } from './store.js';

const store = new AtomStore(workerData as AtomStoreOptions);
const diagnostics = store.load(false);
const loaded: LoadedAtoms = { diagnostics, atoms: store.atoms() };
parentPort!.postMessage(loaded);

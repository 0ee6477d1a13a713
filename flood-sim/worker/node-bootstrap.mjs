// Node worker_threads bootstrap: the worker sources are TypeScript, so register tsx's loader in this
// thread first (execArgv ['--import', 'tsx'] does not reach workers started from every host, e.g. vitest).
import { register } from 'tsx/esm/api';

register();
await import('./node-entry.ts');

// The Action's entry point (bundled to dist/index.js). Everything happens in run().
import { run } from './action/main.js';

await run();

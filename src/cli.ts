import { main } from './cli/main.js';

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
// Set the code rather than calling exit(), so buffered output to a pipe is flushed first.
process.exitCode = code;

import { main } from './cli/main.js';
import { commandSafeWrite } from './report/workflow-commands.js';

// A workflow step that runs the CLI has its output read for workflow commands; what promptgate
// prints includes model output and names from prompt files, so no line of it may act as one.
process.stdout.write = commandSafeWrite(process.stdout.write.bind(process.stdout) as never) as typeof process.stdout.write;
process.stderr.write = commandSafeWrite(process.stderr.write.bind(process.stderr) as never) as typeof process.stderr.write;

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
// Set the code rather than calling exit(), so buffered output to a pipe is flushed first.
process.exitCode = code;

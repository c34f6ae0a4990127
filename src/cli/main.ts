// The `ostiary` command's composition root, the only CLI file that reads process.env: it runs the
// command line on this process's environment and streams and sets the exit code.
import { runCommandLine } from './runCommandLine.js';

process.exitCode = await runCommandLine(process.argv.slice(2), process.env, {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});

import { existsSync, readFileSync, statSync } from 'node:fs';
import { runCli } from '../src/cli/run-cli';

const code = runCli(process.argv.slice(2), {
  readFile: (path) => (existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : null),
  out: (text) => process.stdout.write(text + '\n'),
  write: (chunk) => process.stdout.write(chunk),
  err: (text) => process.stderr.write(text + '\n'),
});
process.exitCode = code;

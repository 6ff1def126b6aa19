import { runCli } from './run-cli';

/** Runs the CLI in process, with `files` as the only readable files, and returns its exit code and what it wrote (for tests). */
export function runCliCaptured(argv: string[], files: Record<string, string> = {}): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, { readFile: (p) => files[p] ?? null, out: (t) => out.push(`${t}\n`), write: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('').replace(/\n$/, ''), err: err.join('\n') };
}

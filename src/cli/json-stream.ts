/**
 * Writes a JSON document piece by piece, so that a document larger than any one string can be (hundreds of MB for a
 * run of two million events) still reaches its stream. The bytes are exactly `JSON.stringify(value)`'s: objects and
 * arrays near the top are walked here, everything deeper (one trace event, one log record) is stringified whole.
 */

/** Collects small pieces into chunks of about `size` characters before handing them on. */
export class ChunkedWriter {
  private parts: string[] = [];
  private length = 0;

  constructor(
    private readonly sink: (chunk: string) => void,
    private readonly size = 1 << 16,
  ) {}

  write(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= this.size) this.flush();
  }

  flush(): void {
    if (this.length === 0) return;
    this.sink(this.parts.join(''));
    this.parts = [];
    this.length = 0;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/**
 * Writes `value` as JSON, walking `depth` levels of objects and arrays. Returns false when the value has no JSON
 * form (undefined, a function), as `JSON.stringify` does, so that the caller can leave the property out or write null.
 */
export function writeJson(value: unknown, out: ChunkedWriter, depth: number): boolean {
  if (depth > 0 && Array.isArray(value)) {
    out.write('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.write(',');
      if (!writeJson(value[i], out, depth - 1)) out.write('null');
    }
    out.write(']');
    return true;
  }
  if (depth > 0 && isPlainObject(value)) {
    out.write('{');
    let first = true;
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      out.write(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
      first = false;
      writeJson(v, out, depth - 1);
    }
    out.write('}');
    return true;
  }
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) return false;
  out.write(text);
  return true;
}

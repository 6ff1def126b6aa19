/** The most characters of untrusted text an error message quotes. */
export const EXCERPT_CHARS = 40;

/**
 * Untrusted text (an unknown key, an argument) as an error message may quote it: at most `max` characters, cut with
 * "…", in double quotes and escaped as JSON escapes it, so that a 10 MB key or a NUL byte never reaches the message.
 * @example excerpt('linger.msec') // '"linger.msec"'
 * @example excerpt('a\u0000b') // '"a\\u0000b"'
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  if (text.length <= max) return JSON.stringify(text);
  let cut = text.slice(0, max);
  // Never split a surrogate pair: half of one would be escaped as a lone surrogate.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${JSON.stringify(cut).slice(0, -1)}…" (${text.length} characters)`;
}

/** Removes a UTF-8 byte-order mark, which some editors put at the start of a text file. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

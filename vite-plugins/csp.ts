import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * Where a build runs. `hosted`: served over HTTP, its scripts, styles, worker and icon are files beside the page.
 * `single-file`: one HTML file opened from file://, with every script and style inline and the worker started
 * from a blob: URL, so it may load nothing from anywhere and each inline script and style is allowed by its hash.
 */
export type CspTarget = 'hosted' | 'single-file';

/** The CSP source of an inline script's or style's text; the HTML parser turns CR LF and CR into LF first. */
export function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text.replace(/\r\n?/g, '\n'), 'utf8').digest('base64')}'`;
}

/**
 * The hashes of the inline `<script>` and `<style>` elements of a page (scripts with a `src` have no text).
 * Scanned in document order, so a tag written inside a script's code is not mistaken for an element.
 */
export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const m of html.matchAll(/<(script|style)\b([^>]*)>([\s\S]*?)<\/\1\s*>/gi)) {
    const [, tag, attributes, text] = m;
    if (tag!.toLowerCase() === 'script' && /\ssrc\s*=/i.test(attributes!)) continue;
    if (text!.length === 0) continue;
    (tag!.toLowerCase() === 'script' ? scripts : styles).push(hashSource(text!));
  }
  return { scripts, styles };
}

/** The policy for a page: only what the lab needs, nothing else (`default-src 'none'`). */
export function contentSecurityPolicy(target: CspTarget, html: string): string {
  const { scripts, styles } = inlineHashes(html);
  const hosted = target === 'hosted';
  const directives: [string, ...string[]][] = [
    ['default-src', "'none'"],
    ['script-src', ...(hosted ? ["'self'"] : []), ...scripts],
    ['style-src', ...(hosted ? ["'self'"] : []), ...styles],
    // The icon (a file, or a data: URL in the single file) and the handout's timeline pictures (data: PNGs).
    ['img-src', ...(hosted ? ["'self'"] : []), 'data:'],
    // The simulation worker: its own file, or in the single file a blob: URL made from the inlined code.
    ['worker-src', hosted ? "'self'" : 'blob:'],
    ...(hosted ? ([['connect-src', "'self'"], ['manifest-src', "'self'"]] as [string, ...string[]][]) : []),
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['object-src', "'none'"],
  ];
  return directives.map(([name, ...sources]) => `${name} ${sources.length > 0 ? sources.join(' ') : "'none'"}`).join('; ');
}

/** Puts the policy into the page as a meta tag, first thing after the charset, so it covers every element after it. */
export function withCsp(html: string, target: CspTarget): string {
  const charset = /<meta\s+charset=[^>]*>/i.exec(html);
  if (!charset) throw new Error('Content-Security-Policy: the page has no <meta charset> to put the policy after');
  if (/http-equiv=["']?Content-Security-Policy/i.test(html)) throw new Error('Content-Security-Policy: the page already has a policy');
  const policy = contentSecurityPolicy(target, html).replace(/"/g, '&quot;');
  const at = charset.index + charset[0].length;
  return `${html.slice(0, at)}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />${html.slice(at)}`;
}

/**
 * Adds the Content-Security-Policy to the built page. It runs after every other plugin has written the page (the
 * single-file plugin inlines scripts and styles then), so the hashes are those of the final text. Only in builds:
 * the development server injects inline scripts of its own.
 */
export function cspPlugin(target: CspTarget): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
          const html = typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
          file.source = withCsp(html, target);
        }
      },
    },
  };
}

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineHashes, withCsp } from '../../vite-plugins/csp';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const page = (body: string) => `<!doctype html><html><head><meta charset="UTF-8" /><title>t</title>${body}</head><body></body></html>`;

describe('content security policy', () => {
  it('hashes inline scripts and styles, not scripts loaded from a file', () => {
    const html = page('<script type="module" src="./a.js"></script><script type="module">run()</script><style>b{}</style>');
    expect(inlineHashes(html)).toEqual({ scripts: [hash('run()')], styles: [hash('b{}')] });
  });

  it('does not mistake a tag written inside a script for an element', () => {
    const code = 'const s = "<style>x{}</style>";';
    expect(inlineHashes(page(`<script>${code}</script>`))).toEqual({ scripts: [hash(code)], styles: [] });
  });

  it('hashes text as the HTML parser sees it (CR LF read as LF)', () => {
    expect(inlineHashes(page('<script>a()\r\nb()</script>')).scripts).toEqual([hash('a()\nb()')]);
  });

  it('allows the hosted page only its own files, and nothing inline', () => {
    const policy = contentSecurityPolicy('hosted', page('<script type="module" src="./a.js"></script>'));
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("style-src 'self';");
    expect(policy).toContain("worker-src 'self'");
    expect(policy).not.toContain('unsafe');
  });

  it('allows the single file its own inline code by hash, a blob: worker, and no network at all', () => {
    const policy = contentSecurityPolicy('single-file', page('<script type="module">run()</script><style>b{}</style>'));
    expect(policy).toContain(`script-src ${hash('run()')};`);
    expect(policy).toContain(`style-src ${hash('b{}')};`);
    expect(policy).toContain('worker-src blob:');
    expect(policy).not.toContain("'self'");
    expect(policy).not.toContain('connect-src');
    expect(policy).not.toContain('unsafe');
  });

  it('says none where a build has nothing of a kind', () => {
    expect(contentSecurityPolicy('single-file', page(''))).toContain("script-src 'none'");
  });

  it('puts the policy first in the head, before any script, and refuses a page it cannot place it in', () => {
    const html = withCsp(page('<script type="module">run()</script>'), 'single-file');
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeGreaterThan(html.indexOf('<meta charset'));
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<script'));
    expect(() => withCsp('<html><head></head></html>', 'hosted')).toThrow(/no <meta charset>/);
    expect(() => withCsp(html, 'hosted')).toThrow(/already has a policy/);
  });
});

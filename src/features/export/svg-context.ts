/**
 * A small SVG writer with the part of the Canvas 2D API the timeline draws with, so the SVG export is drawn by the
 * very same code as the screen: lanes, arrows with their dash patterns, labels, verdict badges and the axis.
 */

type Measure = (text: string, font: string) => number;

interface State {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  dash: number[];
  lineJoin: CanvasLineJoin;
  /** Clip groups opened since the matching save(). */
  groups: number;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, ''));

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function parseFont(font: string): { weight: string; size: number; family: string } {
  const m = /^\s*(?:(\d{3}|bold|normal)\s+)?(\d+(?:\.\d+)?)px\s+(.+)$/.exec(font);
  if (!m) return { weight: 'normal', size: 12, family: 'sans-serif' };
  return { weight: m[1] ?? 'normal', size: Number(m[2]), family: m[3]! };
}

export function approximateMeasure(text: string, font: string): number {
  return text.length * parseFont(font).size * 0.56;
}

export class SvgContext {
  private parts: string[] = [];
  private path = '';
  private hasPoint = false;
  private clipCount = 0;
  private stack: State[] = [];
  private s: State = { fillStyle: '#000', strokeStyle: '#000', lineWidth: 1, globalAlpha: 1, font: '10px sans-serif', textAlign: 'start', textBaseline: 'alphabetic', dash: [], lineJoin: 'miter', groups: 0 };

  constructor(private measure: Measure = approximateMeasure) {}

  get fillStyle() { return this.s.fillStyle; }
  set fillStyle(v: string) { this.s.fillStyle = v; }
  get strokeStyle() { return this.s.strokeStyle; }
  set strokeStyle(v: string) { this.s.strokeStyle = v; }
  get lineWidth() { return this.s.lineWidth; }
  set lineWidth(v: number) { this.s.lineWidth = v; }
  get globalAlpha() { return this.s.globalAlpha; }
  set globalAlpha(v: number) { this.s.globalAlpha = v; }
  get font() { return this.s.font; }
  set font(v: string) { this.s.font = v; }
  get textAlign() { return this.s.textAlign; }
  set textAlign(v: CanvasTextAlign) { this.s.textAlign = v; }
  get textBaseline() { return this.s.textBaseline; }
  set textBaseline(v: CanvasTextBaseline) { this.s.textBaseline = v; }
  get lineJoin() { return this.s.lineJoin; }
  set lineJoin(v: CanvasLineJoin) { this.s.lineJoin = v; }

  setLineDash(d: number[]) { this.s.dash = [...d]; }
  setTransform() { /* The export is drawn at 1:1; device pixel ratios do not apply. */ }
  save() {
    this.stack.push(this.s);
    this.s = { ...this.s, dash: [...this.s.dash], groups: 0 };
  }
  restore() {
    for (let i = 0; i < this.s.groups; i++) this.parts.push('</g>');
    const prev = this.stack.pop();
    if (prev) this.s = prev;
  }

  beginPath() {
    this.path = '';
    this.hasPoint = false;
  }
  moveTo(x: number, y: number) {
    this.path += `M${fmt(x)} ${fmt(y)}`;
    this.hasPoint = true;
  }
  lineTo(x: number, y: number) {
    this.path += `${this.hasPoint ? 'L' : 'M'}${fmt(x)} ${fmt(y)}`;
    this.hasPoint = true;
  }
  closePath() {
    this.path += 'Z';
  }
  arc(cx: number, cy: number, r: number, a0: number, a1: number) {
    const pt = (a: number) => `${fmt(cx + r * Math.cos(a))} ${fmt(cy + r * Math.sin(a))}`;
    this.path += `${this.hasPoint ? 'L' : 'M'}${pt(a0)}`;
    let sweep = a1 - a0;
    if (sweep >= Math.PI * 2 - 1e-9) {
      // A full circle is two half arcs.
      this.path += `A${fmt(r)} ${fmt(r)} 0 1 1 ${pt(a0 + Math.PI)}A${fmt(r)} ${fmt(r)} 0 1 1 ${pt(a0)}`;
    } else {
      sweep = ((sweep % (Math.PI * 2)) + Math.PI * 2) % (Math.PI * 2);
      this.path += `A${fmt(r)} ${fmt(r)} 0 ${sweep > Math.PI ? 1 : 0} 1 ${pt(a0 + sweep)}`;
    }
    this.hasPoint = true;
  }
  rect(x: number, y: number, w: number, h: number) {
    this.path += `M${fmt(x)} ${fmt(y)}h${fmt(w)}v${fmt(h)}h${fmt(-w)}Z`;
    this.hasPoint = true;
  }
  roundRect(x: number, y: number, w: number, h: number, radius: number) {
    const r = Math.max(0, Math.min(radius, w / 2, h / 2));
    if (!r) {
      this.rect(x, y, w, h);
      return;
    }
    const a = `A${fmt(r)} ${fmt(r)} 0 0 1`;
    this.path +=
      `M${fmt(x + r)} ${fmt(y)}H${fmt(x + w - r)}${a} ${fmt(x + w)} ${fmt(y + r)}V${fmt(y + h - r)}${a} ${fmt(x + w - r)} ${fmt(y + h)}` +
      `H${fmt(x + r)}${a} ${fmt(x)} ${fmt(y + h - r)}V${fmt(y + r)}${a} ${fmt(x + r)} ${fmt(y)}Z`;
    this.hasPoint = true;
  }
  clip() {
    const id = `clip${++this.clipCount}`;
    this.parts.push(`<clipPath id="${id}"><path d="${this.path}"/></clipPath><g clip-path="url(#${id})">`);
    this.s.groups++;
  }

  private alpha() {
    return this.s.globalAlpha < 1 ? ` opacity="${fmt(this.s.globalAlpha)}"` : '';
  }
  private strokeAttrs() {
    const dash = this.s.dash.length ? ` stroke-dasharray="${this.s.dash.map(fmt).join(' ')}"` : '';
    return `fill="none" stroke="${this.s.strokeStyle}" stroke-width="${fmt(this.s.lineWidth)}"${dash}${this.alpha()}`;
  }
  stroke() {
    if (this.path) this.parts.push(`<path d="${this.path}" ${this.strokeAttrs()}/>`);
  }
  fill() {
    if (this.path) this.parts.push(`<path d="${this.path}" fill="${this.s.fillStyle}"${this.alpha()}/>`);
  }
  fillRect(x: number, y: number, w: number, h: number) {
    this.parts.push(`<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="${fmt(h)}" fill="${this.s.fillStyle}"${this.alpha()}/>`);
  }
  strokeRect(x: number, y: number, w: number, h: number) {
    this.parts.push(`<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="${fmt(h)}" ${this.strokeAttrs()}/>`);
  }
  fillText(text: string, x: number, y: number) {
    this.text(text, x, y, `fill="${this.s.fillStyle}"`);
  }
  /** A text outline (the timeline's label halos). */
  strokeText(text: string, x: number, y: number) {
    this.text(text, x, y, `fill="none" stroke="${this.s.strokeStyle}" stroke-width="${fmt(this.s.lineWidth)}" stroke-linejoin="${this.s.lineJoin}"`);
  }
  private text(text: string, x: number, y: number, paint: string) {
    const f = parseFont(this.s.font);
    const anchor = this.s.textAlign === 'center' ? 'middle' : this.s.textAlign === 'right' || this.s.textAlign === 'end' ? 'end' : 'start';
    const base = this.s.textBaseline === 'middle' ? 'central' : this.s.textBaseline === 'top' ? 'hanging' : 'auto';
    this.parts.push(
      `<text x="${fmt(x)}" y="${fmt(y)}" font-family="${escapeXml(f.family)}" font-size="${fmt(f.size)}"${f.weight !== 'normal' ? ` font-weight="${f.weight}"` : ''}` +
        ` ${paint} text-anchor="${anchor}" dominant-baseline="${base}"${this.alpha()}>${escapeXml(text)}</text>`,
    );
  }
  measureText(text: string): TextMetrics {
    return { width: this.measure(text, this.s.font) } as TextMetrics;
  }

  /** The finished document. */
  toSvg(width: number, height: number, title: string): string {
    while (this.stack.length) this.restore();
    for (let i = 0; i < this.s.groups; i++) this.parts.push('</g>');
    this.s.groups = 0;
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(width)}" height="${fmt(height)}" viewBox="0 0 ${fmt(width)} ${fmt(height)}" role="img">` +
      `<title>${escapeXml(title)}</title>\n${this.parts.join('\n')}\n</svg>\n`
    );
  }
}

import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Chart, ChartNode, ChartTransition } from './graph';

/**
 * Lays a chart out with ELK's layered algorithm, hierarchy included (edges may cross container borders). Sizes are
 * in chart units: text is 14 units high; the view scales the whole picture for larger themes.
 */

export const FONT = 14;
export const SMALL = 12;
/** Average advance of a bold name's character, and of the small monospace lines (generous: text must fit). */
const CHAR = 0.66 * FONT;
const SMALL_CHAR = 0.6 * SMALL;
const PAD = 10;
const LINE = 18;
const INITIAL_SIZE = 12;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlacedNode extends Box {
  id: string;
  /** Height of the header (name and listed targetless transitions) of a container. */
  header: number;
}

export interface PlacedEdge {
  /** Chart transition id, or `initial:<container id>` for an initial marker's arrow. */
  id: string;
  points: { x: number; y: number }[];
  /** The label's box and its lines (event, then the guard in brackets). */
  label: (Box & { lines: string[] }) | null;
}

export interface ChartLayout {
  width: number;
  height: number;
  nodes: Record<string, PlacedNode>;
  /** Initial markers (filled dots), by the id of the state whose initial child they point to. */
  initials: Record<string, Box>;
  edges: PlacedEdge[];
}

const textWidth = (text: string, char = CHAR) => Math.ceil(text.length * char);

/** Name line plus one line per targetless transition. */
function headerSize(node: ChartNode): { w: number; h: number } {
  const lines = node.internal.map((t) => textWidth(t.label, SMALL_CHAR));
  // Room on the right for the active marker.
  const w = Math.max(textWidth(node.key), ...lines, 0) + 2 * PAD + 10;
  return { w, h: LINE + 6 + node.internal.length * (SMALL + 4) };
}

const initialId = (id: string) => `${id}#initial`;

/** The lowest node containing both ends, where ELK expects the edge to be declared. */
function commonContainer(chart: Chart, a: string, b: string): string {
  const up = (id: string) => {
    const path: string[] = [];
    for (let n = chart.nodes[id]; n; n = n.parent === null ? undefined : chart.nodes[n.parent]) path.unshift(n.id);
    return path;
  };
  const pa = up(a);
  const pb = up(b);
  let k = 0;
  while (k < pa.length && k < pb.length && pa[k] === pb[k]) k++;
  // A transition from a state to its own descendant is declared on the state's parent.
  const lca = pa[k - 1] ?? chart.rootId;
  return lca === a || lca === b ? (chart.nodes[lca]?.parent ?? chart.rootId) : lca;
}

/** Edge labels take two lines when guarded (`event` over `[guard]`), which keeps the layers narrow. */
export function labelLines(edge: ChartTransition): string[] {
  const head = edge.delay !== null ? `after ${edge.delay}` : edge.event === '' ? 'always' : edge.event;
  return edge.guard ? [head, `[${edge.guard}]`] : [head];
}

function labelBox(edge: ChartTransition) {
  const lines = labelLines(edge);
  return { text: lines.join('\n'), width: Math.max(...lines.map((l) => textWidth(l, SMALL_CHAR))) + 6, height: lines.length * (SMALL + 3) + 4 };
}

export function toElkGraph(chart: Chart): ElkNode {
  const elkNodes = new Map<string, ElkNode>();
  const build = (id: string): ElkNode => {
    const node = chart.nodes[id]!;
    const children = node.children.map(build);
    if (node.initial) children.unshift({ id: initialId(id), width: INITIAL_SIZE, height: INITIAL_SIZE });
    const { w, h } = headerSize(node);
    const elk: ElkNode =
      children.length > 0 || id === chart.rootId
        ? {
            id,
            children,
            edges: [],
            layoutOptions: { 'elk.padding': `[top=${id === chart.rootId ? PAD : h + 4},left=${PAD},bottom=${PAD},right=${PAD}]`, 'elk.nodeSize.constraints': 'MINIMUM_SIZE', 'elk.nodeSize.minimum': `(${w}, ${h + 20})` },
          }
        : { id, width: node.kind === 'history' ? 34 : w, height: node.kind === 'history' ? 34 : Math.max(h + 8, 36) };
    elkNodes.set(id, elk);
    return elk;
  };
  const root = build(chart.rootId);
  for (const id of chart.order) {
    const node = chart.nodes[id]!;
    if (node.initial) {
      const e: ElkExtendedEdge = { id: `initial:${id}`, sources: [initialId(id)], targets: [node.initial] };
      elkNodes.get(id)!.edges!.push(e);
    }
  }
  for (const edge of chart.edges) {
    edge.targets.forEach((target, k) => {
      const container = elkNodes.get(commonContainer(chart, edge.source, target)) ?? root;
      container.edges!.push({
        id: `${edge.id}#${k}`,
        sources: [edge.source],
        targets: [target],
        // One label per transition, on its first target's edge.
        labels: k === 0 ? [labelBox(edge)] : [],
      });
    });
  }
  root.layoutOptions = {
    ...root.layoutOptions,
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.layered.spacing.nodeNodeBetweenLayers': '28',
    'elk.spacing.nodeNode': '22',
    'elk.spacing.edgeLabel': '3',
    'elk.spacing.edgeNode': '12',
    'elk.edgeLabels.placement': 'CENTER',
    'elk.json.shapeCoords': 'ROOT',
    'elk.json.edgeCoords': 'ROOT',
  };
  return root;
}

let elk: InstanceType<typeof ELK> | null = null;

/** Runs ELK on a chart and returns every box and edge in the picture's coordinates (origin top left). */
export async function layoutChart(chart: Chart): Promise<ChartLayout> {
  elk ??= new ELK();
  const out = await elk.layout(toElkGraph(chart));
  const nodes: Record<string, PlacedNode> = {};
  const initials: Record<string, Box> = {};
  const edges: PlacedEdge[] = [];
  const walk = (n: ElkNode) => {
    const box = { x: n.x ?? 0, y: n.y ?? 0, w: n.width ?? 0, h: n.height ?? 0 };
    if (n.id.endsWith('#initial')) initials[n.id.slice(0, -'#initial'.length)] = box;
    else if (n.id !== chart.rootId) nodes[n.id] = { id: n.id, ...box, header: headerSize(chart.nodes[n.id]!).h };
    for (const e of n.edges ?? []) {
      const points = (e.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
      const l = e.labels?.[0];
      edges.push({
        id: e.id.replace(/#\d+$/, ''),
        points,
        label: l ? { lines: (l.text ?? '').split('\n'), x: l.x ?? 0, y: l.y ?? 0, w: l.width ?? 0, h: l.height ?? 0 } : null,
      });
    }
    for (const c of n.children ?? []) walk(c);
  };
  walk(out);
  return { width: Math.ceil(out.width ?? 0), height: Math.ceil(out.height ?? 0), nodes, initials, edges };
}

import { useId, type KeyboardEvent } from 'react';
import type { Translate } from '../../i18n/t';
import type { Chart, ChartNode, ChartTransition } from './graph';
import { FONT, SMALL, type Box, type ChartLayout } from './layout';

interface Props {
  chart: Chart;
  layout: ChartLayout;
  /** Size of one chart unit in CSS pixels (larger in the projector theme). */
  scale: number;
  active: ReadonlySet<string>;
  /** Ids of the transitions taken at the cursor. */
  taken: ReadonlySet<string>;
  label: string;
  t: Translate;
  describe: (node: ChartNode) => string | null;
  onActivate: (node: ChartNode) => void;
  onFocusState: (node: ChartNode | null) => void;
}

const isContainer = (n: ChartNode) => n.children.length > 0;

/** Dashed lines between the regions of a parallel state, across the whole state. */
function regionSeparators(parent: Box, regions: Box[]): { x1: number; y1: number; x2: number; y2: number }[] {
  const out: { x1: number; y1: number; x2: number; y2: number }[] = [];
  const sorted = [...regions].sort((a, b) => a.y - b.y || a.x - b.x);
  for (let k = 1; k < sorted.length; k++) {
    const a = sorted[k - 1]!;
    const b = sorted[k]!;
    if (b.y >= a.y + a.h) {
      const y = (a.y + a.h + b.y) / 2;
      out.push({ x1: parent.x, y1: y, x2: parent.x + parent.w, y2: y });
    } else {
      const [l, r] = a.x <= b.x ? [a, b] : [b, a];
      const x = (l.x + l.w + r.x) / 2;
      out.push({ x1: x, y1: parent.y, x2: x, y2: parent.y + parent.h });
    }
  }
  return out;
}

function InternalLines({ node, box, top, taken }: { node: ChartNode; box: Box; top: number; taken: ReadonlySet<string> }) {
  return node.internal.map((tr: ChartTransition, k) => (
    <text key={tr.id} x={box.x + 10} y={box.y + top + (k + 1) * (SMALL + 4)} className={taken.has(tr.id) ? 'sc-internal sc-taken-text' : 'sc-internal'} fontSize={SMALL}>
      {tr.label}
    </text>
  ));
}

/** One party's statechart as SVG: containers, regions, edges with labels, then the states on top. */
export function StatechartSvg({ chart, layout, scale, active, taken, label, t, describe, onActivate, onFocusState }: Props) {
  const marker = useId().replace(/:/g, '');
  const nodes = chart.order.map((id) => chart.nodes[id]!).filter((n) => layout.nodes[n.id]);
  const containers = nodes.filter(isContainer);
  const leaves = nodes.filter((n) => !isContainer(n));
  const key = (node: ChartNode) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      onActivate(node);
    }
  };

  const stateProps = (node: ChartNode) => {
    const on = active.has(node.id);
    const kind = t(node.region ? 'statecharts.kind.region' : `statecharts.kind.${node.kind}`);
    const description = describe(node);
    return {
      role: 'button',
      tabIndex: 0,
      'aria-label': `${node.key}, ${kind}${on ? `, ${t('statecharts.active')}` : ''}${description ? `: ${description}` : ''}`,
      'aria-current': on ? ('true' as const) : undefined,
      'data-state-id': node.id,
      className: `sc-state sc-${node.region ? 'region' : node.kind}${on ? ' sc-active' : ''}`,
      onClick: () => onActivate(node),
      onKeyDown: key(node),
      onFocus: () => onFocusState(node),
      onBlur: () => onFocusState(null),
      onMouseEnter: () => onFocusState(node),
      onMouseLeave: () => onFocusState(null),
    };
  };

  const title = (node: ChartNode) => {
    const d = describe(node);
    return <title>{d ? `${node.key}: ${d}` : node.key}</title>;
  };

  const activeDot = (b: Box) => <circle className="sc-active-dot" cx={b.x + b.w - 8} cy={b.y + 8} r={4.5} aria-hidden="true" />;

  return (
    <svg
      className="statechart-svg"
      role="group"
      aria-label={label}
      width={Math.ceil(layout.width * scale)}
      height={Math.ceil(layout.height * scale)}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      data-party={chart.party}
    >
      <defs>
        <marker id={`${marker}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="sc-arrowhead" />
        </marker>
        <marker id={`${marker}-arrow-taken`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="sc-arrowhead-taken" />
        </marker>
      </defs>
      {containers.map((node) => {
        const b = layout.nodes[node.id]!;
        const on = active.has(node.id);
        if (node.region) {
          return (
            <g key={node.id} {...stateProps(node)}>
              {title(node)}
              <rect className="sc-region-box" x={b.x} y={b.y} width={b.w} height={b.h} rx={6} />
              <text x={b.x + 8} y={b.y + FONT + 4} className="sc-name sc-region-name" fontSize={FONT}>
                {node.key}
              </text>
              <InternalLines node={node} box={b} top={FONT + 6} taken={taken} />
              {on && activeDot(b)}
            </g>
          );
        }
        return (
          <g key={node.id} {...stateProps(node)}>
            {title(node)}
            <rect className="sc-box" x={b.x} y={b.y} width={b.w} height={b.h} rx={10} />
            <text x={b.x + 10} y={b.y + FONT + 5} className="sc-name" fontSize={FONT}>
              {node.key}
            </text>
            <InternalLines node={node} box={b} top={FONT + 7} taken={taken} />
            {on && activeDot(b)}
          </g>
        );
      })}
      {containers
        .filter((n) => n.kind === 'parallel')
        .flatMap((n) =>
          regionSeparators(
            layout.nodes[n.id]!,
            n.children.map((c) => layout.nodes[c]).filter((b): b is NonNullable<typeof b> => b !== undefined),
          ).map((s, k) => <line key={`${n.id}-sep-${k}`} className="sc-separator" {...s} aria-hidden="true" />),
        )}
      {Object.entries(layout.initials).map(([id, b]) => (
        <circle key={`init-${id}`} className="sc-initial" cx={b.x + b.w / 2} cy={b.y + b.h / 2} r={b.w / 2} aria-hidden="true" />
      ))}
      <g aria-hidden="true">
        {layout.edges.map((e, k) => {
          const on = taken.has(e.id);
          const initial = e.id.startsWith('initial:');
          return (
            <polyline
              key={`${e.id}-${k}`}
              className={initial ? 'sc-edge sc-edge-initial' : on ? 'sc-edge sc-taken' : 'sc-edge'}
              data-transition={initial ? undefined : e.id}
              points={e.points.map((p) => `${p.x},${p.y}`).join(' ')}
              markerEnd={`url(#${marker}-${on ? 'arrow-taken' : 'arrow'})`}
            />
          );
        })}
      </g>
      {leaves.map((node) => {
        const b = layout.nodes[node.id]!;
        const on = active.has(node.id);
        if (node.kind === 'history') {
          return (
            <g key={node.id} {...stateProps(node)}>
              {title(node)}
              <circle className="sc-box" cx={b.x + b.w / 2} cy={b.y + b.h / 2} r={b.w / 2} />
              <text x={b.x + b.w / 2} y={b.y + b.h / 2 + 5} textAnchor="middle" className="sc-name" fontSize={FONT}>
                {node.history === 'deep' ? 'H*' : 'H'}
              </text>
            </g>
          );
        }
        const lines = node.internal.length;
        const nameY = lines ? b.y + FONT + 6 : b.y + b.h / 2 + FONT / 2 - 2;
        return (
          <g key={node.id} {...stateProps(node)}>
            {title(node)}
            <rect className="sc-box" x={b.x} y={b.y} width={b.w} height={b.h} rx={10} />
            {node.kind === 'final' && <rect className="sc-final-inner" x={b.x + 4} y={b.y + 4} width={b.w - 8} height={b.h - 8} rx={7} />}
            <text x={lines ? b.x + 10 : b.x + b.w / 2} y={nameY} textAnchor={lines ? 'start' : 'middle'} className="sc-name" fontSize={FONT}>
              {node.key}
            </text>
            <InternalLines node={node} box={b} top={FONT + 8} taken={taken} />
            {on && activeDot(b)}
          </g>
        );
      })}
      <g aria-hidden="true">
        {layout.edges
          .filter((e) => e.label)
          .map((e, k) => {
            const l = e.label!;
            const on = taken.has(e.id);
            return (
              <g key={`${e.id}-label-${k}`} className={on ? 'sc-label sc-taken' : 'sc-label'} data-transition={e.id}>
                <rect x={l.x} y={l.y} width={l.w} height={l.h} rx={3} />
                <text x={l.x + 3} y={l.y + SMALL + 1} fontSize={SMALL}>
                  {l.lines.map((line, j) => (
                    <tspan key={j} x={l.x + 3} dy={j === 0 ? 0 : SMALL + 3}>
                      {line}
                    </tspan>
                  ))}
                </text>
              </g>
            );
          })}
      </g>
    </svg>
  );
}

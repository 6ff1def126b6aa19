import type { Fault } from '../../sim/scenario/schema';

export function describeFault(f: Fault): string {
  const text = describeKind(f);
  return 'instance' in f && f.instance > 1 ? `${text} (producer instance ${f.instance})` : text;
}

function describeKind(f: Fault): string {
  switch (f.kind) {
    case 'lose-request':
      return `Lose request: message ${f.message}, attempt ${f.attempt}`;
    case 'lose-response':
      return `Lose response: message ${f.message}, attempt ${f.attempt}`;
    case 'delay-request':
      return `Delay request ${f.delayMs} ms: message ${f.message}, attempt ${f.attempt}`;
    case 'stall':
      return `Stall ${f.direction}s ${f.durationMs} ms: message ${f.message}, attempt ${f.attempt}`;
    case 'error-reply':
      return `Broker replies ${f.error}: message ${f.message}, attempt ${f.attempt}`;
    case 'broker-restart':
      return `Broker restart at ${f.atMs} ms (down ${f.downMs} ms)`;
    case 'producer-restart':
      return `Producer restart at ${f.atMs} ms (down ${f.downMs} ms)`;
  }
}

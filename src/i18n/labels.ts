import type { Lane } from '../sim/trace/types';
import type { Lang } from './lang';
import { t } from './t';

export function laneName(lane: Lane, lang: Lang): string {
  // With replication, broker 2, 3… have lanes of their own.
  const replica = /^broker-(\d+)$/.exec(lane);
  if (replica) return t(lang, 'lane.replica', { n: Number(replica[1]) });
  // A transactional run's own lanes.
  const reader = /^reader-(\d+)$/.exec(lane);
  if (reader) return lang === 'en' ? lane : t(lang, 'lane.reader', { n: Number(reader[1]) });
  if (lane === 'txn-coordinator') return lang === 'en' ? lane : t(lang, 'lane.txn-coordinator');
  return lang === 'en' ? lane : t(lang, `lane.${lane as 'producer' | 'network' | 'broker'}`);
}

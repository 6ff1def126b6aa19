import type { Lang } from '../../i18n/lang';
import { translator } from '../../i18n/t';
import type { ConsumerMemberId, ConsumerSnapshot, CoordinatorSnapshot } from '../../sim/trace/types';

export interface MemberView {
  member: ConsumerMemberId;
  snapshot: ConsumerSnapshot | null;
  /** Its statechart's state at the cursor, as text. */
  state: string;
}

/** Each group member as it stands at the cursor, and the group coordinator's view of the group. */
export function ConsumerStateView({ members, coordinator, lang = 'en' }: { members: MemberView[]; coordinator: CoordinatorSnapshot | null; lang?: Lang }) {
  const t = translator(lang);
  const none = t('producerState.none');
  const num = (n: number) => (n < 0 ? none : String(n));
  return (
    <>
      {members.map(({ member, snapshot: s, state }) => (
        <div key={member} className="consumer-member" data-member={member}>
          <h3>{t(`lane.${member}`)}</h3>
          {!s ? (
            <p className="muted">{t('consumerState.notStarted')}</p>
          ) : (
            <dl className="facts">
              <dt>{t('consumerState.state')}</dt>
              <dd>
                <code>{state || none}</code>
              </dd>
              <dt>{t('consumerState.process')}</dt>
              <dd>{s.instance}</dd>
              <dt>{t('consumerState.memberId')}</dt>
              <dd>{num(s.memberId)}</dd>
              <dt>{t('consumerState.generation')}</dt>
              <dd>{num(s.generation)}</dd>
              <dt>{t('consumerState.assignment')}</dt>
              <dd>{s.assignment.length ? s.assignment.map((p) => `p${p}`).join(', ') : none}</dd>
              <dt>{t('consumerState.position')}</dt>
              <dd>{num(s.position)}</dd>
              <dt>{t('consumerState.committed')}</dt>
              <dd>{num(s.committed)}</dd>
              <dt>{t('consumerState.handling')}</dt>
              <dd>{s.handling ? t('consumerState.handlingRecord', { m: s.handling.message, offset: s.handling.offset }) : none}</dd>
              <dt>{t('consumerState.pending')}</dt>
              <dd>{s.pending}</dd>
              <dt>{t('consumerState.memory')}</dt>
              <dd>{s.memory}</dd>
            </dl>
          )}
        </div>
      ))}
      <div className="consumer-coordinator">
        <h3>{t('lane.coordinator')}</h3>
        {!coordinator ? (
          <p className="muted">{t('consumerState.noGroup')}</p>
        ) : (
          <dl className="facts">
            <dt>{t('consumerState.generation')}</dt>
            <dd>{num(coordinator.generation)}</dd>
            <dt>{t('consumerState.members')}</dt>
            <dd>
              {coordinator.members.length
                ? coordinator.members.map((m) => t('consumerState.memberOf', { id: m.memberId, member: t(`lane.${m.member}`) }) + (m.rejoined ? ` ${t('consumerState.rejoined')}` : '')).join(', ')
                : none}
            </dd>
            <dt>{t('consumerState.owner')}</dt>
            <dd>{num(coordinator.owner)}</dd>
            <dt>{t('consumerState.groupCommitted')}</dt>
            <dd>{num(coordinator.committed)}</dd>
          </dl>
        )}
      </div>
    </>
  );
}

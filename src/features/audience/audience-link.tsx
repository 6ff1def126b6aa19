import { useSyncExternalStore } from 'react';
import { isFollowingHost, subscribeFollowingHost } from '../../app/view-mode';
import { useT } from '../../i18n/use-t';

/**
 * Whether the audience window hears the presenter's window: said in words and a symbol (not colour alone), so the
 * presenter sees at a glance, on the projector, that the room is following.
 */
export function AudienceLink() {
  const linked = useSyncExternalStore(subscribeFollowingHost, isFollowingHost, isFollowingHost);
  const t = useT();
  return (
    <p className="audience-link" role="status" data-linked={linked}>
      <span aria-hidden="true">{linked ? '⇄ ' : '⊘ '}</span>
      {t(linked ? 'audience.linked' : 'audience.alone')}
    </p>
  );
}

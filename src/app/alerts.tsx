import { useLab } from '../store/lab-store-context';

/** Problems the student must see: refused configuration, a crashed run, unusable saved state. */
export function Alerts() {
  const configError = useLab((s) => s.trace.configError);
  const runError = useLab((s) => s.runError);
  const notice = useLab((s) => s.notice);
  const truncated = useLab((s) => s.trace.truncated);
  const eventCount = useLab((s) => s.trace.events.length);
  const dismissNotice = useLab((s) => s.dismissNotice);
  return (
    <>
      {configError && (
        <div className="alert" role="alert">
          <strong>The producer refuses this configuration.</strong> {configError}
        </div>
      )}
      {runError && (
        <div className="alert" role="alert">
          <strong>The simulation stopped with an error.</strong> {runError}
        </div>
      )}
      {truncated && (
        <div className="alert info" role="status">
          This run was cut off after {eventCount.toLocaleString('en')} events, before everything settled. Try fewer messages.
        </div>
      )}
      {notice && (
        <div className="alert notice" role="alert">
          <span>{notice}</span>
          <button type="button" className="small" onClick={dismissNotice}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}

import { useMemo, useRef } from 'react';
import { encode } from 'uqr';
import { useT } from '../../i18n/use-t';

/** Above this QR version (modules = 17 + 4 × version) the code is hard to scan from a seat: the menu says so. */
export const DENSE_QR_VERSION = 15;

/** The dark modules of a QR code as one SVG path, with the standard four-module quiet zone around them. */
export function qrPath(text: string): { d: string; size: number; version: number } | null {
  let qr;
  try {
    qr = encode(text, { ecc: 'L', border: 4 });
  } catch {
    return null; // more than a QR code holds
  }
  let d = '';
  qr.data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    });
  });
  return { d, size: qr.size, version: qr.version };
}

function QrPicture({ d, size, label, className }: { d: string; size: number; label: string; className: string }) {
  return (
    <svg className={className} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

/**
 * The share link as a QR code, for students' laptops and phones: small in the menu, and large in a dialog for the
 * projector (black on white in every theme, so that a camera reads it).
 */
export default function ShareQr({ url }: { url: string }) {
  const t = useT();
  const qr = useMemo(() => qrPath(url), [url]);
  const dialog = useRef<HTMLDialogElement>(null);
  if (!qr) return <p className="share-warning">{t('share.qrTooLong')}</p>;
  return (
    <div className="share-qr">
      <QrPicture d={qr.d} size={qr.size} label={t('share.qrAlt')} className="share-qr-small" />
      <div className="share-qr-text">
        <p className="share-hint">{t('share.qrHint')}</p>
        {qr.version > DENSE_QR_VERSION && <p className="share-warning">{t('share.qrDense')}</p>}
        <button type="button" onClick={() => dialog.current?.showModal()}>
          {t('share.qrShow')}
        </button>
      </div>
      <dialog ref={dialog} className="share-qr-dialog" aria-label={t('share.qrAlt')} onClick={(e) => e.target === e.currentTarget && dialog.current?.close()}
        // Escape closes the dialog only, not the share menu around it.
        onKeyDown={(e) => e.key === 'Escape' && e.stopPropagation()}
      >
        <QrPicture d={qr.d} size={qr.size} label={t('share.qrAlt')} className="share-qr-large" />
        <form method="dialog">
          <button type="submit" className="primary">
            {t('share.qrClose')}
          </button>
        </form>
      </dialog>
    </div>
  );
}

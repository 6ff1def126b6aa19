/** Playback glyphs as SVG (emoji media symbols are missing from many projector laptops' fonts). */
const paths = {
  start: 'M5 4h2v16H5zM20 4v16L9 12z',
  back: 'M18 4v16L6 12z',
  forward: 'M6 4v16l12-8z',
  end: 'M17 4h2v16h-2zM4 4v16l11-8z',
  play: 'M7 4v16l13-8z',
  pause: 'M6 4h4v16H6zM14 4h4v16h-4z',
};

export function Icon({ name }: { name: keyof typeof paths }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="1.1em" height="1.1em" aria-hidden="true" focusable="false">
      <path d={paths[name]} fill="currentColor" />
    </svg>
  );
}

import { zoomController } from './zoom-controller';

export function ZoomButtons() {
  return (
    <div className="zoom-buttons" role="group" aria-label="Zoom">
      <button type="button" aria-label="Zoom in" title="Zoom in (+)" onClick={() => zoomController.get()?.zoomBy(2)}>
        +
      </button>
      <button type="button" aria-label="Zoom out" title="Zoom out (−)" onClick={() => zoomController.get()?.zoomBy(0.5)}>
        −
      </button>
      <button type="button" title="Show the whole run" onClick={() => zoomController.get()?.fit()}>
        Fit
      </button>
    </div>
  );
}

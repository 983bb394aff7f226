/**
 * Pan and zoom of the map with d3-zoom, as a Svelte attachment on the element that holds the
 * canvas and the labels (so that a wheel or drag over a label moves the map too). d3 owns only the
 * events; the transform goes back to the component, which redraws.
 */
import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';

/** Zoom limits: 0.5× (map smaller than the view) to 64×. */
export const ZOOM_EXTENT: [number, number] = [0.5, 64];

/** Connects d3-zoom to a canvas and lets the app move the view. */
export class ZoomController {
  #behavior: ZoomBehavior<HTMLElement, unknown>;
  #element: HTMLElement | null = null;
  /** Transitions running for a zoom button (the reader's choice, like a wheel turn). */
  #buttonTransitions = 0;
  /** Dragging pans the map; off while the drag draws a lasso (the wheel still zooms). */
  #dragPans = true;

  /**
   * `onZoom` receives every transform, from the user (pointer, wheel, zoom buttons) or from
   * {@link moveTo}; `byUser` tells them apart.
   */
  constructor(onZoom: (transform: ZoomTransform, byUser: boolean) => void) {
    this.#behavior = zoom<HTMLElement, unknown>()
      .scaleExtent(ZOOM_EXTENT)
      // d3-zoom's default filter, plus: no drag panning while a lasso is drawn.
      .filter(
        (event: MouseEvent) =>
          (!event.ctrlKey || event.type === 'wheel') &&
          !event.button &&
          (this.#dragPans || event.type === 'wheel'),
      )
      .on('zoom', (event: { transform: ZoomTransform; sourceEvent: unknown }) =>
        onZoom(event.transform, event.sourceEvent != null || this.#buttonTransitions > 0),
      );
  }

  /** Svelte attachment: `<div {@attach controller.attach}>`. */
  attach = (element: HTMLElement) => {
    this.#element = element;
    select(element).call(this.#behavior).on('dblclick.zoom', null);
    return () => {
      select(element).on('.zoom', null);
      this.#element = null;
    };
  };

  /** Moves the view, animated over `duration` ms (0 = at once). */
  moveTo(transform: ZoomTransform, duration = 0): void {
    if (!this.#element) return;
    const selection = select(this.#element);
    if (duration > 0)
      selection.transition().duration(duration).call(this.#behavior.transform, transform);
    else selection.call(this.#behavior.transform, transform);
  }

  /** Lets a drag pan the map (true, the default) or leaves drags to a lasso (false). */
  setDragPans(pans: boolean): void {
    this.#dragPans = pans;
  }

  /** Back to the whole map. */
  reset(duration = 350): void {
    this.moveTo(zoomIdentity, duration);
  }

  /** Zooms by a factor around the canvas centre, as the reader's own zoom (a zoom button). */
  scaleBy(factor: number, duration = 250): void {
    if (!this.#element) return;
    this.#buttonTransitions++;
    let done = false;
    const finish = () => {
      if (!done) this.#buttonTransitions--;
      done = true;
    };
    select(this.#element)
      .transition()
      .duration(duration)
      .on('end.button interrupt.button', finish)
      .call(this.#behavior.scaleBy, factor);
  }
}

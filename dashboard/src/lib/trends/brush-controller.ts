/**
 * A horizontal d3-brush over calendar days, as a Svelte attachment on an SVG `<g>`. The brush
 * snaps to whole days and reports the inclusive day range; moving it from the app (a range
 * chosen elsewhere) does not echo back.
 */
import { brushX, select, type BrushBehavior, type ScaleLinear } from 'd3';
import { daysInPixels } from './trend-model.ts';

/** What the brush needs to know about its chart; read on every event, so it can change. */
export interface BrushFrame {
  x: ScaleLinear<number, number>;
  width: number;
  height: number;
  /** Calendar length. */
  days: number;
}

/** Connects d3-brush to a chart. */
export class BrushController {
  #behavior: BrushBehavior<unknown>;
  #group: SVGGElement | null = null;
  #frame: () => BrushFrame;
  #moving = false;
  /** The range last shown, drawn again when the brush is (re)attached. */
  #shown: [number, number] | null = null;

  /**
   * `onRange` receives calendar positions [start, end] (inclusive) when the user finishes a
   * brush, or null when they clear it with a click.
   */
  constructor(frame: () => BrushFrame, onRange: (range: [number, number] | null) => void) {
    this.#frame = frame;
    this.#behavior = brushX<unknown>().on(
      'end',
      (event: { selection: [number, number] | null; sourceEvent: unknown }) => {
        if (this.#moving || !event.sourceEvent) return;
        if (!event.selection) return onRange(null);
        const { x, days } = this.#frame();
        const range = daysInPixels(x, event.selection[0], event.selection[1], days);
        this.show(range);
        onRange(range);
      },
    );
  }

  /** Svelte attachment: `<g {@attach brush.attach}>`. */
  attach = (group: SVGGElement) => {
    this.#group = group;
    const { width, height } = this.#frame();
    this.#behavior.extent([
      [0, 0],
      [width, height],
    ]);
    select(group).call(this.#behavior);
    // A range restored from a link may be shown before the chart had a size to draw it in.
    if (this.#shown) this.show(this.#shown);
    return () => {
      select(group).on('.brush', null);
      this.#group = null;
    };
  };

  /** Resizes the brush area (call when the chart size changes). */
  resize(): void {
    if (!this.#group) return;
    const { width, height } = this.#frame();
    this.#behavior.extent([
      [0, 0],
      [width, height],
    ]);
    select(this.#group).call(this.#behavior);
  }

  /** Shows a day range (inclusive calendar positions), or clears the brush. */
  show(range: [number, number] | null): void {
    this.#shown = range;
    if (!this.#group) return;
    const { x } = this.#frame();
    this.#moving = true;
    try {
      select(this.#group).call(
        this.#behavior.move,
        range ? [x(range[0] - 0.5), x(range[1] + 0.5)] : null,
      );
    } finally {
      this.#moving = false;
    }
  }
}

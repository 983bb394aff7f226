/**
 * Label widths as the browser draws them, from a canvas's `measureText` in the labels' font
 * (bold type is wider than any fixed per-glyph estimate), remembered per text and size.
 */
import type { TextMeasure } from './label-layout.ts';

/** Weight of the map labels' font (the broad labels are bold, the widest case). */
const LABEL_WEIGHT = 700;

/** A {@link TextMeasure} for `fontFamily`, or an estimate when no canvas is available. */
export function canvasTextMeasure(fontFamily: string): TextMeasure {
  const widths = new Map<string, number>();
  let context: CanvasRenderingContext2D | null | undefined;
  return (text, fontSize) => {
    const key = `${fontSize}|${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      context ??= document.createElement('canvas').getContext('2d');
      if (!context) return text.length * fontSize * 0.62;
      context.font = `${LABEL_WEIGHT} ${fontSize}px ${fontFamily}`;
      width = context.measureText(text).width;
      widths.set(key, width);
    }
    return width;
  };
}

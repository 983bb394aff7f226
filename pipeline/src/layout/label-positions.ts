/**
 * Where to draw each topic's label on the map: the median point of its members, per axis. The
 * median (unlike the mean) stays inside the dense part of a topic whose members straggle.
 */
import { median } from 'd3-array';
import type { MapPlace } from './project-new.ts';
import { roundCoordinate } from './normalize-coordinates.ts';

/** The part of a topic that decides whose members it has. */
export interface TopicParent {
  /** Topic id. */
  id: number;
  /** Broad topic this one belongs to; null for a broad topic or a fine one without a parent. */
  parent: number | null;
}

/**
 * Label place of every topic with members: a fine topic's is the median x and median y of the
 * papers assigned to it; a broad topic's is that of the union of its children's members.
 * Coordinates are rounded to 4 decimals. Topics without members are absent from the result.
 *
 * @param assignment fine topic id per paper row, null for an unassigned paper.
 * @param x map x per paper row, [0, 1].
 * @param y map y per paper row, [0, 1].
 * @param topics every topic, fine and broad, with its parent.
 * @throws {RangeError} when the three per-paper arrays differ in length.
 */
export function labelPositions(
  assignment: readonly (number | null)[],
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  topics: readonly TopicParent[],
): Map<number, MapPlace> {
  if (x.length !== assignment.length || y.length !== assignment.length) {
    throw new RangeError(
      `labelPositions needs one x and y per paper: ${assignment.length} assignments, ` +
        `${x.length} x, ${y.length} y`,
    );
  }
  const parentOf = new Map(topics.map((topic) => [topic.id, topic.parent]));
  const members = new Map<number, number[]>();
  const add = (topic: number, row: number): void => {
    const rows = members.get(topic);
    if (rows) rows.push(row);
    else members.set(topic, [row]);
  };
  assignment.forEach((topic, row) => {
    if (topic === null) return;
    add(topic, row);
    const parent = parentOf.get(topic);
    if (parent !== undefined && parent !== null) add(parent, row);
  });

  const places = new Map<number, MapPlace>();
  for (const [topic, rows] of [...members].sort((a, b) => a[0] - b[0])) {
    places.set(topic, {
      x: roundCoordinate(median(rows, (row) => x[row]) as number),
      y: roundCoordinate(median(rows, (row) => y[row]) as number),
    });
  }
  return places;
}

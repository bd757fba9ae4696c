import { DIRECTION_WORDS, DIRECTIONS } from '../../core/model/gazette-record';
import type { Direction } from '../../core/model/gazette-record';

/** Regex source of one direction word, two-character words first. */
export const DIRECTION_SOURCE = '(?:东北|东南|西北|西南|东|南|西|北)';

/** Unit vector (east, north) of each direction. */
const VECTORS: Readonly<Record<Direction, readonly [number, number]>> = {
  N: [0, 1],
  NE: [Math.SQRT1_2, Math.SQRT1_2],
  E: [1, 0],
  SE: [Math.SQRT1_2, -Math.SQRT1_2],
  S: [0, -1],
  SW: [-Math.SQRT1_2, -Math.SQRT1_2],
  W: [-1, 0],
  NW: [-Math.SQRT1_2, Math.SQRT1_2],
};

/** The direction a Chinese direction word stands for, or null. */
export function directionOf(word: string): Direction | null {
  return DIRECTION_WORDS[word] ?? null;
}

/** The direction word at the start of a text (longest match), or null. */
export function leadingDirection(text: string): { word: string; direction: Direction } | null {
  const m = new RegExp(`^${DIRECTION_SOURCE}`).exec(text);
  if (m === null) return null;
  const direction = directionOf(m[0]);
  return direction === null ? null : { word: m[0], direction };
}

/** The direction word at the end of a text (longest match), or null. */
export function trailingDirection(text: string): { word: string; direction: Direction } | null {
  const m = new RegExp(`${DIRECTION_SOURCE}$`).exec(text);
  if (m === null) return null;
  const two = text.slice(-2);
  const word = directionOf(two) !== null && two.length === 2 ? two : m[0];
  const direction = directionOf(word);
  return direction === null ? null : { word, direction };
}

/** Dot product of two directions' unit vectors: 1 same, 0 perpendicular, -1 opposite. */
export function alignment(a: Direction, b: Direction): number {
  const [ax, ay] = VECTORS[a];
  const [bx, by] = VECTORS[b];
  return Math.round((ax * bx + ay * by) * 1000) / 1000;
}

/** All direction words inside a text, in order. */
export function directionsIn(text: string): Direction[] {
  const out: Direction[] = [];
  for (const m of text.matchAll(new RegExp(DIRECTION_SOURCE, 'g'))) {
    const d = directionOf(m[0]);
    if (d !== null) out.push(d);
  }
  return out;
}

/** The four cardinal directions. */
export const CARDINAL: readonly Direction[] = ['N', 'E', 'S', 'W'];
/** The four diagonal directions. */
export const DIAGONAL: readonly Direction[] = ['NE', 'SE', 'SW', 'NW'];

/** Chinese word of a direction (for messages). */
export function directionWord(d: Direction): string {
  const entry = Object.entries(DIRECTION_WORDS).find(([, v]) => v === d);
  return entry?.[0] ?? d;
}

/** True when a value is one of {@link DIRECTIONS}. */
export function isDirection(value: string): value is Direction {
  return (DIRECTIONS as readonly string[]).includes(value);
}

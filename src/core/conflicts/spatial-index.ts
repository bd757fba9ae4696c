import Flatbush from 'flatbush';

/** A lon/lat bounding box [west, south, east, north] in degrees. */
export type LonLatBox = readonly [number, number, number, number];

/** Metres per degree of latitude, rounded down so expansions stay conservative. */
const METRES_PER_DEGREE_LAT_MIN = 110_500;
/** Metres per degree of longitude at the equator, rounded up (it only shrinks away from it). */
const METRES_PER_DEGREE_EQUATOR = 111_400;

/**
 * Grows a lon/lat box by at least `metres` on every side. The prefilter only needs a superset of
 * the true candidates, so degrees are over-estimated (shortest metres per degree, cosine taken at
 * the box's pole-most latitude after growth).
 */
export function expandBoxByMetres(box: LonLatBox, metres: number): LonLatBox {
  if (!(metres >= 0)) throw new RangeError(`expansion must be ≥ 0 metres, got ${metres}`);
  if (metres === 0) return box;
  const dLat = metres / METRES_PER_DEGREE_LAT_MIN;
  const south = Math.max(-90, box[1] - dLat);
  const north = Math.min(90, box[3] + dLat);
  const cos = Math.cos((Math.max(Math.abs(south), Math.abs(north)) * Math.PI) / 180);
  const dLon = cos > 1e-6 ? (metres / (METRES_PER_DEGREE_EQUATOR * cos)) * 1.01 : 360;
  return [box[0] - dLon, south, box[2] + dLon, north];
}

/**
 * A static packed R-tree (flatbush) over lon/lat boxes, used as the prefilter before exact tests.
 * Item indices are the positions in the array given to the constructor.
 */
export class BoxIndex {
  readonly size: number;
  private readonly tree: Flatbush | null;

  /** Indexes the boxes; an empty list gives an index that finds nothing. */
  constructor(boxes: readonly LonLatBox[]) {
    this.size = boxes.length;
    if (boxes.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(boxes.length);
    for (const b of boxes) tree.add(b[0], b[1], b[2], b[3]);
    tree.finish();
    this.tree = tree;
  }

  /** Indices of boxes that intersect or touch `box`. */
  search(box: LonLatBox): number[] {
    if (this.tree === null) return [];
    return this.tree.search(box[0], box[1], box[2], box[3]);
  }
}

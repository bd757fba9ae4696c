import type { Polygon, Position } from 'geojson';
import { LocalMetricFrame } from '../../core/geo/gauss-kruger';
import { geodesicArea } from '../../core/geo/geodesic';
import { localToEastNorth, rectangleRing } from '../../core/geometry/offset-rectangle';

/** Decimal places of every coordinate written to a layer (≈ 1 cm). */
export const COORD_DECIMALS = 7;

/** Rounds a coordinate to {@link COORD_DECIMALS} places. */
export function roundCoord(x: number): number {
  const f = 10 ** COORD_DECIMALS;
  return Math.round(x * f) / f;
}

/** Builds shapes in metres around an anchor, in the anchor's 3° Gauss-Krüger zone, and returns lon/lat. */
export class AnchorFrame {
  readonly frame: LocalMetricFrame;
  readonly origin: [number, number];

  constructor(lon: number, lat: number) {
    this.frame = new LocalMetricFrame([lon, lat]);
    const [e, n] = this.frame.forward([lon, lat]);
    this.origin = [e!, n!];
  }

  /** Local (p, q) metres in a scheme → rounded [lon, lat]. */
  toLonLat(scheme: 'cardinal' | 'diagonal', p: number, q: number): Position {
    const [de, dn] = localToEastNorth(scheme, p, q);
    const [lon, lat] = this.frame.inverse([this.origin[0] + de, this.origin[1] + dn]);
    return [roundCoord(lon!), roundCoord(lat!)];
  }

  /** A rectangle in the local frame as a lon/lat ring (counter-clockwise, closed). */
  rectangle(scheme: 'cardinal' | 'diagonal', pRange: [number, number], qRange: [number, number]): Position[] {
    return rectangleRing(pRange, qRange).map(([p, q]) => this.toLonLat(scheme, p, q));
  }

  /** A circle of `radius` metres around the anchor as a lon/lat ring with `n` vertices. */
  circle(radius: number, n = 64): Position[] {
    const ring: Position[] = [];
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n;
      ring.push(this.toLonLat('cardinal', radius * Math.cos(a), radius * Math.sin(a)));
    }
    ring.push(ring[0]!);
    return ring;
  }
}

/** Reverses a ring (to make a hole clockwise). */
export function reversed(ring: Position[]): Position[] {
  return [...ring].reverse();
}

/** Geodesic area of a polygon in m², rounded to the centimetre² for stable output. */
export function polygonAreaM2(polygon: Polygon): number {
  return Math.round(geodesicArea(polygon) * 100) / 100;
}

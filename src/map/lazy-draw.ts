import type { Map as MaplibreMap } from 'maplibre-gl';
import type { DrawController } from './draw-controller';
import type { DrawChange, DrawOptions, LonLat } from './map-api';

/** The drawing controller, with terra-draw loaded on first use (not with the first paint); calls keep their order. */
export class LazyDraw {
  private drawing: Promise<DrawController> | null = null;

  constructor(private readonly map: () => MaplibreMap) {}

  private with(fn: (d: DrawController) => void): void {
    this.drawing ??= import('./draw-controller').then((m) => new m.DrawController(this.map));
    void this.drawing.then(fn).catch((error: unknown) => console.error('drawing failed', error));
  }

  /** See `MapApi.startDraw`. */
  start(options: DrawOptions, onChange: (change: DrawChange) => void): void {
    this.with((d) => d.start(options, onChange));
  }

  /** See `MapApi.setDrawRing`. */
  setRing(ring: readonly LonLat[] | null): void {
    this.with((d) => d.setRing(ring));
  }

  /** See `MapApi.undoDrawVertex`. */
  undoVertex(): void {
    this.with((d) => d.undoVertex());
  }

  /** See `MapApi.stopDraw` (nothing to do when terra-draw was never loaded). */
  stop(): void {
    if (this.drawing) this.with((d) => d.stop());
  }

  /** See `MapApi.setDraggableAnchor`. */
  setAnchor(position: LonLat | null, onDrop?: (position: LonLat) => void): void {
    if (this.drawing || position !== null) this.with((d) => d.setAnchor(position, onDrop));
  }
}

import type { Map as MaplibreMap } from 'maplibre-gl';
import { Marker } from 'maplibre-gl';
import { TerraDraw, TerraDrawModeUndoRedo, TerraDrawPolygonMode, TerraDrawSelectMode } from 'terra-draw';
import type { GeoJSONStoreFeatures, TerraDrawMouseEvent } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { DrawChange, DrawOptions, LonLat } from './map-api';
import { snapToBasemap } from './basemap-snap';

/**
 * Polygon drawing on the map with terra-draw (its MapLibre adapter draws into the map's own style): a polygon
 * mode that snaps vertices to basemap lines, then a select mode in which the closed polygon's vertices can be
 * dragged, midpoints inserted and vertices deleted. Also the draggable anchor marker of 定位.
 */

const POLYGON = 'polygon';
const SELECT = 'select';
const LINE = '#882255';
const FILL = '#cc6677';

/** One drawing session over one map. */
export class DrawController {
  private draw: TerraDraw | null = null;
  private listener: ((change: DrawChange) => void) | null = null;
  private closed = false;
  private marker: Marker | null = null;

  constructor(private readonly map: () => MaplibreMap) {}

  /** Starts drawing (ends an earlier session first). */
  start(options: DrawOptions, onChange: (change: DrawChange) => void): void {
    this.stop();
    const map = this.map();
    const snap = options.snapPx > 0 ? { toCustom: (e: TerraDrawMouseEvent) => this.snap(e, options.snapPx) } : undefined;
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 9 }),
      modes: [
        new TerraDrawPolygonMode({
          snapping: snap,
          styles: { fillColor: FILL, fillOpacity: 0.25, outlineColor: LINE, outlineWidth: 2, closingPointColor: LINE, snappingPointColor: '#117733' },
        }),
        new TerraDrawSelectMode({
          flags: {
            [POLYGON]: { feature: { draggable: false, coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snap ?? false } } },
          },
          allowManualDeselection: false,
          styles: { selectedPolygonColor: FILL, selectedPolygonOutlineColor: LINE, selectedPolygonFillOpacity: 0.25 },
        }),
      ],
      undoRedo: { modeLevel: new TerraDrawModeUndoRedo() },
    });
    this.draw = draw;
    this.listener = onChange;
    this.closed = false;
    draw.start();
    draw.setMode(POLYGON);
    draw.on('change', () => this.emit(false));
    draw.on('finish', (id, context) => {
      if (context.mode === POLYGON && context.action === 'draw') {
        this.closed = true;
        draw.setMode(SELECT);
        draw.selectFeature(id);
      }
      this.emit(true);
    });
  }

  private snap(e: TerraDrawMouseEvent, px: number): [number, number] | undefined {
    const s = snapToBasemap(this.map(), [e.lng, e.lat], px);
    return s ? [s[0], s[1]] : undefined;
  }

  private polygon(): GeoJSONStoreFeatures | undefined {
    return this.draw?.getSnapshot().find((f) => f.geometry.type === 'Polygon' && f.properties['mode'] === POLYGON);
  }

  private emit(committed: boolean): void {
    const f = this.polygon();
    const ring = f && f.geometry.type === 'Polygon' ? (f.geometry.coordinates[0] ?? []).map((p) => [p[0]!, p[1]!] as LonLat) : [];
    this.listener?.({ ring, closed: this.closed && ring.length > 0, committed });
  }

  /** Replaces the polygon by a closed ring, ready for editing; null clears it and draws anew. */
  setRing(ring: readonly LonLat[] | null): void {
    const draw = this.draw;
    if (!draw) return;
    draw.setMode(POLYGON);
    draw.clear();
    this.closed = false;
    if (ring && ring.length >= 4) {
      const id = draw.getFeatureId();
      const [r] = draw.addFeatures([{ id, type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring.map((p) => [p[0], p[1]])] }, properties: { mode: POLYGON } }]);
      if (r?.valid) {
        this.closed = true;
        draw.setMode(SELECT);
        draw.selectFeature(id);
      }
    }
    this.emit(true);
  }

  /** Removes the last vertex placed while drawing (terra-draw's mode-level undo). */
  undoVertex(): boolean {
    const draw = this.draw;
    if (!draw || draw.getMode() !== POLYGON || !draw.canUndo()) return false;
    const done = draw.undo();
    this.emit(true);
    return done;
  }

  /** Ends drawing and removes what was drawn. */
  stop(): void {
    const draw = this.draw;
    this.draw = null;
    this.listener = null;
    if (draw) {
      try {
        draw.clear();
        draw.stop();
      } catch (error: unknown) {
        console.warn('terra-draw stop failed', error);
      }
    }
  }

  /** Shows a draggable anchor marker (null removes it). */
  setAnchor(position: LonLat | null, onDrop?: (p: LonLat) => void): void {
    this.marker?.remove();
    this.marker = null;
    if (position === null) return;
    const el = document.createElement('div');
    el.className = 'gis-anchor-handle';
    el.setAttribute('data-testid', 'anchor-handle');
    el.setAttribute('role', 'img');
    el.setAttribute('aria-label', 'anchor');
    Object.assign(el.style, { width: '18px', height: '18px', borderRadius: '50%', background: '#ffffff', border: '4px solid #882255', boxSizing: 'border-box', cursor: 'grab' });
    const marker = new Marker({ element: el, draggable: true }).setLngLat([position[0], position[1]]).addTo(this.map());
    marker.on('dragend', () => {
      const ll = marker.getLngLat();
      onDrop?.([ll.lng, ll.lat]);
    });
    this.marker = marker;
  }
}

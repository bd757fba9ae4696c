import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FeatureCollection } from 'geojson';
import { HILLSHADE_OVERLAY_ID, RADAR_OVERLAY_IDS, radarOverlayBuilder } from '../../app/radar/radar-overlays';
import type { RadarSession } from '../../app/radar/radar-session';
import type { MapApi } from '../../map/map-api';

/** What the controller reads from its host on every update. */
export interface RadarMapInputs {
  readonly map: MapApi | null;
  readonly session: RadarSession;
  readonly active: boolean;
}

/**
 * Keeps the map in step with a radar session through {@link MapApi} only: the analysis overlays (each sent
 * again only when its data changed), the hillshade image, the cursor while a region is drawn, and map clicks
 * (choose a radar, add a vertex) while the panel is shown. Fires `measure-active` (bubbling, composed) on the
 * host when drawing starts or ends, so the shell pauses its own map tools.
 */
export class RadarMapController implements ReactiveController {
  private readonly build = radarOverlayBuilder();
  private readonly shown = new Map<string, FeatureCollection | null>();
  private hillshadeShown: { image: unknown; opacity: number } | null | undefined = undefined;
  private map: MapApi | null = null;
  private offClick: (() => void) | null = null;
  private offSession: (() => void) | null = null;
  private session: RadarSession | null = null;
  private drawing = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly inputs: () => RadarMapInputs,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdated(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.offClick?.();
    this.offClick = null;
    this.offSession?.();
    this.offSession = null;
    this.session = null;
    this.map = null;
  }

  private attach(map: MapApi | null, session: RadarSession): void {
    if (session !== this.session) {
      this.offSession?.();
      this.session = session;
      this.offSession = session.subscribe(() => this.sync());
    }
    if (map === this.map) return;
    this.offClick?.();
    this.map = map;
    this.shown.clear();
    this.hillshadeShown = undefined;
    this.offClick = map
      ? map.onClick((e) => {
          if (this.inputs().active) this.session?.mapClick(e.position, e.features);
        })
      : null;
  }

  /** Brings the map up to date with the session (cheap when nothing changed). */
  sync(): void {
    const { map, session, active } = this.inputs();
    this.attach(map, session);
    if (!active && session.state.drawing) {
      session.setDrawing(false);
      return;
    }
    if (session.state.drawing !== this.drawing) {
      this.drawing = session.state.drawing;
      this.host.dispatchEvent(new CustomEvent<boolean>('measure-active', { detail: this.drawing, bubbles: true, composed: true }));
      map?.setCursor(this.drawing ? 'crosshair' : 'default');
    }
    if (!map) return;
    const overlays = this.build(session, active);
    for (const id of RADAR_OVERLAY_IDS) {
      const data = overlays.layers[id];
      if (this.shown.has(id) && this.shown.get(id) === data) continue;
      this.shown.set(id, data);
      map.setAnalysisLayer(id, data);
    }
    const h = overlays.hillshade;
    const was = this.hillshadeShown;
    if (was !== undefined && (h === null ? was === null : was !== null && was.image === h.image && was.opacity === h.opacity)) return;
    this.hillshadeShown = h ? { image: h.image, opacity: h.opacity } : null;
    if (h) map.setImageOverlay(HILLSHADE_OVERLAY_ID, h.image.image, h.image.bounds, h.opacity);
    else map.setImageOverlay(HILLSHADE_OVERLAY_ID, null, [0, 0, 0, 0], 0);
  }
}

import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { RadarSession } from '../../app/radar/radar-session';
import type { RadarProblemView } from '../../app/radar/radar-state';
import type { Lang } from '../../map/map-api';
import { hasMessage, t } from '../../i18n/localize';
import type { RadarKey } from '../../i18n/localize';

/**
 * Base of the radar-siting views: a Lit element over a {@link RadarSession} that re-renders when the
 * session's state changes. Views render into their own light DOM, so the panel's styles and its
 * label/input ids apply to them as one document.
 */
export abstract class RadarView extends LitElement {
  /** The session the view shows and acts on. */
  @property({ attribute: false }) session: RadarSession | null = null;
  @property() locale: Lang = 'zh-CN';

  private unsubscribe: (() => void) | null = null;
  private subscribed: RadarSession | null = null;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.subscribed = null;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('session')) this.follow();
  }

  private follow(): void {
    if (this.subscribed === this.session) return;
    this.unsubscribe?.();
    this.subscribed = this.session;
    this.unsubscribe = this.session ? this.session.subscribe(() => this.requestUpdate()) : null;
  }

  /** A radar message in the view's language. */
  protected L(key: RadarKey, vars?: Record<string, string | number>): string {
    return t(`radar.${key}`, this.locale, vars);
  }
}

/** A problem's message in `lang` (its code's message, or the generic one for an unknown code), naming the file when known. */
export function problemText(p: RadarProblemView, lang: Lang): string {
  const key = `radar.problem.${p.code}`;
  const text = hasMessage(key) ? t(key, lang, p.params) : t('radar.problem.unknown', lang, { code: p.code });
  const file = p.params['file'];
  return file === undefined ? text : `${t('radar.problem.filePrefix', lang, { file })}${text}`;
}

/** A share 0…1 as a percentage with one decimal. */
export const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;

/** The number typed into an input of a change event. */
export const numberOf = (e: Event): number => Number((e.target as HTMLInputElement).value);

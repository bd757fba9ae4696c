import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Lang } from '../../map/map-api';
import type { FixId, ImportIssue, ImportPreview } from '../../core/io/index';
import { findCrs } from '../../core/geo/crs-registry';
import type { ImportSession } from '../../app/import/import-session';
import { t } from '../../i18n/localize';
import type { ImportKey } from '../../i18n/localize';
import { USER_CATEGORIES } from '../../core/model/user-layer';
import type { UserCategory } from '../../core/model/user-layer';
import { CATEGORY_LABELS } from '../../i18n/labels';
import { formatArea } from './review-sheet';
import { inLang } from './notice-text';
import { SessionController } from './session-controller';
import './supersede-view';
import type { SupersedeView } from './supersede-view';

/** Issues listed per list (the count of the rest is shown). */
const LISTED_ISSUES = 50;

/**
 * The preview of a file before it is accepted (a view over the import session): CRS, zone and why,
 * other CRS and datum, warnings and problems with safe fixes, counts, extent, stated areas, name and
 * category, accept or discard, and the supersede section. Renders in its host's shadow root.
 */
@customElement('gis-import-preview')
export class ImportPreviewView extends LitElement {
  /** UI language. */
  @property({ attribute: false }) locale: Lang = 'zh-CN';
  /** The import session. */
  @property({ attribute: false }) session: ImportSession | null = null;
  /** The supersede section's inputs: the features it may replace, the selected one, the store and the notices. */
  @property({ attribute: false }) supersede: Pick<SupersedeView, 'targets' | 'selectedId' | 'userData' | 'notices'> | null = null;

  constructor() {
    super();
    new SessionController(this, () => this.session);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private L(key: ImportKey, vars?: Record<string, string | number>): string {
    return t(`import.${key}`, this.locale, vars);
  }

  private issueText(i: ImportIssue): string {
    const where = [i.location.line !== undefined ? `L${i.location.line}` : '', i.location.pointName ?? '', i.location.feature !== undefined ? `#${i.location.feature + 1}` : ''].filter((s) => s !== '').join(' ');
    return `${where ? `[${where}] ` : ''}${inLang(i.message, this.locale)}`;
  }

  private renderIssues(list: readonly ImportIssue[], testid: string): TemplateResult {
    if (list.length === 0) return html`<p class="muted" data-testid=${testid}>${this.L('none')}</p>`;
    return html`<ul class="issues" data-testid=${testid}>
      ${list.slice(0, LISTED_ISSUES).map((i) => html`<li class=${i.severity === 'error' ? 'error-sev' : ''} data-code=${i.code}>${this.issueText(i)}</li>`)}
      ${list.length > LISTED_ISSUES ? html`<li>… ${list.length - LISTED_ISSUES}</li>` : nothing}
    </ul>`;
  }

  private fixLabel(fix: FixId, p: ImportPreview): string {
    const all = [...p.warnings, ...p.problems];
    const issue = all.find((i) => i.fix === fix);
    const count = all.filter((i) => i.fix === fix).length;
    return `${fix}${count > 1 ? ` ×${count}` : ''}${issue ? `：${inLang(issue.message, this.locale)}` : ''}`;
  }

  private toggleFix(fix: FixId, on: boolean): void {
    const s = this.session;
    if (!s) return;
    const next = new Set(s.state.form.fixes);
    if (on) next.add(fix);
    else next.delete(fix);
    if (fix === 'convert-gcj02') next.delete('convert-bd09');
    if (fix === 'convert-bd09') next.delete('convert-gcj02');
    s.setForm({ fixes: next });
  }

  private renderCrsChoice(p: ImportPreview, session: ImportSession): TemplateResult {
    const L = this.L.bind(this);
    const form = session.state.form;
    const alternatives = [p.crs.epsg, ...p.crs.alternatives.filter((a) => a !== p.crs.epsg)];
    return html`<div class="row">
      <label>${L('otherCrs')}
        <select data-testid="preview-alternative" @change=${(e: Event) => session.setForm({ forcedEpsg: (e.target as HTMLSelectElement).value })}>
          ${alternatives.map((code) => {
            const where = p.crs.candidates?.find((c) => c.epsg === code);
            const lands = where === undefined ? '' : ` · ${t('import.landsAt', this.locale, { lon: where.centre[0].toFixed(3), lat: where.centre[1].toFixed(3), km: (where.distanceM / 1000).toFixed(1) })}`;
            return html`<option value=${code === p.crs.epsg ? '' : String(code)} ?selected=${String(code) === form.forcedEpsg || (code === p.crs.epsg && form.forcedEpsg === '')}>${findCrs(code)?.name ?? (code === 3857 ? 'Web Mercator' : 'EPSG')} (EPSG:${code})${lands}</option>`;
          })}
        </select>
      </label>
      <label>${L('datum')}
        <select data-testid="preview-datum" @change=${(e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          session.setForm({ datum: v === 'gcj02' || v === 'bd09' ? v : '' });
        }}>
          <option value="" ?selected=${form.datum === ''}>${L('datumWgs')}</option>
          <option value="gcj02" ?selected=${form.datum === 'gcj02'}>${L('datumGcj')}</option>
          <option value="bd09" ?selected=${form.datum === 'bd09'}>${L('datumBd')}</option>
        </select>
      </label>
      <button type="button" data-testid="preview-reread" @click=${() => void session.reread()}>${L('reread')}</button>
    </div>`;
  }

  private renderFixes(p: ImportPreview, session: ImportSession): TemplateResult | typeof nothing {
    const offered = [...new Set([...p.warnings, ...p.problems].flatMap((i) => (i.fix === undefined ? [] : [i.fix])))];
    if (offered.length === 0) return nothing;
    const fixes = session.state.form.fixes;
    return html`<fieldset data-testid="preview-fixes">
      <legend>${this.L('fixes')}</legend>
      ${offered.map(
        (fix) => html`<label class="row"><input type="checkbox" value=${fix} .checked=${fixes.has(fix)}
          @change=${(e: Event) => this.toggleFix(fix, (e.target as HTMLInputElement).checked)} />${this.fixLabel(fix, p)}</label>`,
      )}
      <button type="button" data-testid="apply-fixes" ?disabled=${fixes.size === 0} @click=${() => void session.applyFixes()}>${this.L('applyFixes')}</button>
    </fieldset>`;
  }

  override render(): unknown {
    const session = this.session;
    const p = session?.state.preview ?? null;
    if (!session || p === null) return nothing;
    const L = this.L.bind(this);
    const { form, errorCount, job } = session.state;
    const conf: ImportKey = p.crs.confidence === 'stated' ? 'confStated' : p.crs.confidence === 'detected' ? 'confDetected' : 'confAssumed';
    const b = p.stats.bbox;
    return html`
      <section class="card" data-testid="import-preview" aria-labelledby="preview-h">
        <h3 id="preview-h">${L('preview')}</h3>
        <dl>
          <dt>${L('file')}</dt><dd data-testid="preview-file">${p.fileName}</dd>
          <dt>${L('format')}</dt><dd data-testid="preview-format">${p.format}${p.stats.encoding ? ` · ${p.stats.encoding}` : ''}</dd>
          <dt>${L('crs')}</dt>
          <dd data-testid="preview-crs" data-epsg=${String(p.crs.epsg)} data-zone=${String(p.crs.zone ?? '')}>${p.crs.name} (EPSG:${p.crs.epsg})</dd>
          ${p.crs.zone !== undefined ? html`<dt>${L('zone')}</dt><dd data-testid="preview-zone">${p.crs.zone}（${p.crs.zoneWidth ?? 3}°）</dd>` : nothing}
          <dt>${L('reason')}</dt><dd data-testid="preview-reason">${inLang(p.crs.reason, this.locale)}</dd>
          <dt>${L('confidence')}</dt><dd data-testid="preview-confidence" data-confidence=${p.crs.confidence}>${L(conf)}</dd>
          <dt></dt><dd data-testid="preview-axes" data-swapped=${String(p.crs.axesSwapped)}>${p.crs.axesSwapped ? L('axesSwapped') : L('axesAsWritten')}</dd>
          <dt>${L('features')}</dt><dd data-testid="preview-count">${p.stats.features}</dd>
          <dt>${L('vertices')}</dt><dd>${p.stats.vertices}</dd>
          <dt>${L('bbox')}</dt><dd data-testid="preview-bbox">${b ? `${b[0].toFixed(5)}–${b[2].toFixed(5)}°E, ${b[1].toFixed(5)}–${b[3].toFixed(5)}°N` : '—'}</dd>
        </dl>
        ${this.renderCrsChoice(p, session)}
        <h4>${L('warnings')}</h4>
        ${this.renderIssues(p.warnings, 'preview-warnings')}
        <h4>${L('problems')}</h4>
        ${this.renderIssues(p.problems, 'preview-problems')}
        ${this.renderFixes(p, session)}
        ${p.appliedFixes.length > 0 ? html`<p class="muted">${L('applied')}: ${p.appliedFixes.join(', ')}</p>` : nothing}
        ${p.computedAreas.length > 0
          ? html`<p data-testid="preview-computed-area">${t('import.computedTotal', this.locale, { n: p.computedAreas.length })}: ${formatArea(p.computedAreas.reduce((sum, a) => sum + (a.geodesicM2 ?? 0), 0), this.locale)}</p>`
          : nothing}
        ${p.statedAreas.length > 0
          ? html`<div class="scroll"><table data-testid="preview-areas">
              <thead><tr><th>#</th><th>${L('statedArea')}</th><th>${L('planarArea')}</th><th>${L('geodesicArea')}</th><th></th></tr></thead>
              <tbody>${p.statedAreas.map((s) => html`<tr><td>${s.feature + 1}</td><td>${s.text}</td><td class="num">${formatArea(s.planarM2, this.locale)}</td><td class="num">${formatArea(s.geodesicM2, this.locale)}</td><td>${s.matches ? L('matches') : L('differs')}</td></tr>`)}</tbody>
            </table></div>`
          : nothing}
        <label class="block" for="layer-name">${L('layerName')}</label>
        <input id="layer-name" data-testid="import-name" .value=${form.layerName} @input=${(e: Event) => session.setForm({ layerName: (e.target as HTMLInputElement).value })} />
        <label class="block" for="layer-category">${L('category')}</label>
        <select id="layer-category" data-testid="import-category" @change=${(e: Event) => session.setForm({ category: (e.target as HTMLSelectElement).value as UserCategory })}>
          ${USER_CATEGORIES.map((c) => html`<option value=${c} ?selected=${c === form.category}>${CATEGORY_LABELS[c][this.locale]}</option>`)}
        </select>
        ${errorCount > 0
          ? html`<label class="row"><input type="checkbox" data-testid="allow-errors" .checked=${form.allowErrors} @change=${(e: Event) => session.setForm({ allowErrors: (e.target as HTMLInputElement).checked })} />${L('allowErrors')}</label>`
          : nothing}
        <div class="row">
          <button type="button" data-testid="import-accept" ?disabled=${job !== null} @click=${() => void session.accept()}>${L('accept')}</button>
          <button type="button" data-testid="import-discard" @click=${() => session.discard()}>${L('discard')}</button>
        </div>
        <gis-supersede-view .locale=${this.locale} .session=${session} .targets=${this.supersede?.targets ?? []} .selectedId=${this.supersede?.selectedId ?? null}
          .userData=${this.supersede?.userData ?? null} .notices=${this.supersede?.notices ?? null}></gis-supersede-view>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-import-preview': ImportPreviewView;
  }
}

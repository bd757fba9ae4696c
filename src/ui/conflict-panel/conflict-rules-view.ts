import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Lang } from '../../map/map-api';
import type { Rule, RuleSet } from '../../core/conflicts/rule-schema';
import { t } from '../../i18n/localize';
import type { ConflictKey } from '../../i18n/localize';
import { severityLabel, severityToken } from './conflict-format';
import { MAX_AREA_TOLERANCE_M2, MAX_DISTANCE_M, buildOverrides, defaultTexts, hasDistance, parseParamInput } from './conflict-view-model';
import type { ParamError, RuleEdit } from './conflict-view-model';

const PARAM_ERRORS: Readonly<Record<ParamError, ConflictKey>> = {
  empty: 'errEmpty',
  'not-a-number': 'errNaN',
  negative: 'errNegative',
  'too-large': 'errTooLarge',
};

/** Detail of `rule-edit`: what the user changed on one rule. */
export interface RuleEditDetail {
  ruleId: string;
  change: RuleEdit;
}

/** Legal basis entries of a rule or a finding, with the text kind (quote or summary). The texts are the rule set's, in Chinese. */
export function renderBasis(basis: Rule['basis'], lang: Lang): TemplateResult {
  return html`<ul class="basis-list">
    ${basis.map(
      (b) => html`<li>
        <strong lang="zh-CN">${b.document}</strong>${b.docNumber ? html` ${b.docNumber}` : nothing}${b.article ? html` <span lang="zh-CN">${b.article}</span>` : nothing}
        <span class="muted">（${t(b.textKind === 'quote' ? 'conflicts.quote' : 'conflicts.summary', lang)}）</span>
        <blockquote lang="zh-CN">${b.text}</blockquote>
      </li>`,
    )}
  </ul>`;
}

/**
 * The rule list of the conflict panel: a switch, editable parameters with their errors, severity and the
 * legal basis on demand per rule. Edits go up as `rule-edit` events; the panel keeps them. Light DOM (the
 * panel's styles apply).
 */
@customElement('gis-conflict-rules')
export class ConflictRulesView extends LitElement {
  @property() locale: Lang = 'zh-CN';
  @property({ attribute: false }) rules: RuleSet | null = null;
  @property({ attribute: false }) edits: Readonly<Record<string, RuleEdit>> = {};
  /** Whether the list is unfolded (the panel folds it when a report arrives); the user's toggles go up as `rules-toggle`. */
  @property({ type: Boolean }) open = true;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private L(key: ConflictKey, vars?: Record<string, string | number>): string {
    return t(`conflicts.${key}`, this.locale, vars);
  }

  private edit(ruleId: string, change: RuleEdit): void {
    this.dispatchEvent(new CustomEvent<RuleEditDetail>('rule-edit', { detail: { ruleId, change }, bubbles: true, composed: true }));
  }

  private paramField(rule: Rule, which: 'distance' | 'tolerance'): TemplateResult {
    const defaults = defaultTexts(rule);
    const e = this.edits[rule.id];
    const text = (which === 'distance' ? e?.distanceText : e?.toleranceText) ?? defaults[which];
    const max = which === 'distance' ? MAX_DISTANCE_M : MAX_AREA_TOLERANCE_M2;
    const parsed = parseParamInput(text, max);
    const errId = `err-${which}-${rule.id}`;
    const label = this.L(which === 'distance' ? 'distanceM' : 'toleranceM2');
    const param = which === 'distance' ? rule.params.distanceM : rule.params.areaToleranceM2;
    return html`<label>
      ${label}
      <input
        name=${which}
        inputmode="decimal"
        autocomplete="off"
        data-testid=${`param-${which}`}
        .value=${text}
        aria-invalid=${parsed.ok ? 'false' : 'true'}
        aria-describedby=${parsed.ok ? nothing : errId}
        title=${param ? `${param.kind === 'legal-value' ? this.L('legalValue') : this.L('configurableDefault')}${param.note ? `：${param.note}` : ''}` : ''}
        @input=${(ev: Event) => this.edit(rule.id, which === 'distance' ? { distanceText: (ev.target as HTMLInputElement).value } : { toleranceText: (ev.target as HTMLInputElement).value })}
      />
      ${parsed.ok ? nothing : html`<span class="field-error" id=${errId} role="alert">${this.L(PARAM_ERRORS[parsed.error], { max: max.toLocaleString('en') })}</span>`}
    </label>`;
  }

  private renderRule(rule: Rule, set: RuleSet): TemplateResult {
    const enabled = this.edits[rule.id]?.enabled ?? rule.enabled;
    const built = buildOverrides(set, { [rule.id]: this.edits[rule.id] ?? {} });
    const changed = built.ok ? built.overrides.length > 0 : true;
    const notes = [rule.params.distanceM, rule.params.areaToleranceM2].filter((p) => p?.note !== undefined);
    return html`<li class="rule" data-testid="conflict-rule" data-rule=${rule.id} data-enabled=${enabled ? 'true' : 'false'}>
      <div class="rule-head">
        <label>
          <input type="checkbox" data-testid="rule-enabled" .checked=${enabled} @change=${(ev: Event) => this.edit(rule.id, { enabled: (ev.target as HTMLInputElement).checked })} />
          <span class="rule-title" lang="zh-CN">${rule.title}</span>
        </label>
        ${changed ? html`<span class="badge changed">${this.L('modified')}</span>` : nothing}
        <span class="badge sev-${severityToken(rule.severity)}">${severityLabel(rule.severity, this.locale)}</span>
      </div>
      <div class="params">
        ${hasDistance(rule) ? this.paramField(rule, 'distance') : nothing}
        ${rule.params.areaToleranceM2 !== undefined ? this.paramField(rule, 'tolerance') : nothing}
      </div>
      <details data-testid="rule-basis">
        <summary>${this.L('basis')}</summary>
        ${renderBasis(rule.basis, this.locale)}
        ${notes.map((p) => html`<p class="muted">${this.L('paramNote')}：<span lang="zh-CN">${p?.note}</span></p>`)}
        ${rule.notes ? html`<p class="muted" lang="zh-CN">${rule.notes}</p>` : nothing}
      </details>
    </li>`;
  }

  override render(): unknown {
    const set = this.rules;
    if (!set) return nothing;
    const on = set.rules.filter((r) => this.edits[r.id]?.enabled ?? r.enabled).length;
    return html`<details class="rules-box" data-testid="rules-box" ?open=${this.open}
      @toggle=${(e: Event) => this.dispatchEvent(new CustomEvent<boolean>('rules-toggle', { detail: (e.target as HTMLDetailsElement).open, bubbles: true, composed: true }))}>
      <summary>
        <h3>${this.L('rulesHeading')}</h3>
        <span class="muted">${this.L('rulesCount', { n: set.rules.length, on })}</span>
      </summary>
      <ul class="rules">${set.rules.map((r) => this.renderRule(r, set))}</ul>
      ${Object.keys(this.edits).length > 0
        ? html`<button type="button" data-testid="reset-rules" @click=${() => this.dispatchEvent(new CustomEvent('rules-reset', { bubbles: true, composed: true }))}>${this.L('resetRules')}</button>`
        : nothing}
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-conflict-rules': ConflictRulesView;
  }
}

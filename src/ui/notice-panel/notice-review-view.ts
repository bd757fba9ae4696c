import { html, nothing } from 'lit';
import type { Lang } from '../../map/map-api';
import type { NoticeReview, RunClass } from '../../app/notice/notice-review';
import type { NoticeProblem, NoticeState } from '../../app/notice/notice-session';
import { t } from '../../i18n/localize';
import type { MessageKey } from '../../i18n/localize';

/** The classes the legend explains, in reading order. */
const LEGEND: readonly RunClass[] = ['name', 'zone', 'clause', 'limit', 'metres', 'area', 'unread', 'plain'];

/** The words of a notice-flow problem in `lang`. */
export function problemText(p: NoticeProblem, lang: Lang): string {
  const key = `notice.problem_${p.code.replace(/^notice-/, '').replace(/-/g, '_')}` as MessageKey;
  return t(key, lang, p.params as Record<string, string | number>);
}

/** The passage coloured by what was read, with its legend. */
export function renderPassage(review: NoticeReview, lang: Lang): unknown {
  const L = (k: MessageKey): string => t(k, lang);
  return html`<h4>${L('notice.passage')}</h4>
    <ul class="legend" aria-label=${L('notice.legend')}>
      ${LEGEND.map((c) => html`<li><span class="run ${c}">${L(`notice.cls_${c}` as MessageKey)}</span> ${review.counts[c]}</li>`)}
    </ul>
    <div class="passage" data-testid="notice-passage" lang="zh-CN">${review.runs.map((r) =>
      r.cls === 'plain'
        ? r.text
        : html`<span class="run ${r.cls}" data-cls=${r.cls} title=${r.cls === 'unread' ? (review.unread[r.unread ?? -1]?.message ?? '') : L(`notice.cls_${r.cls}` as MessageKey)}>${r.text}</span>`,
    )}</div>`;
}

/** The list of unread parts, each with its code and the sentence it quotes. */
export function renderUnread(review: NoticeReview, lang: Lang): unknown {
  const L = (k: MessageKey, v?: Record<string, string | number>): string => t(k, lang, v);
  return html`<h4>${L('notice.unreadTitle')}</h4>
    ${review.unread.length === 0
      ? html`<p class="ok" data-testid="notice-unread-none">${L('notice.unreadNone')}</p>`
      : html`<ul class="unread" data-testid="notice-unread">
          ${review.unread.map((u) => html`<li data-code=${u.code}><span lang="zh-CN">${L('notice.unreadItem', { code: u.code, quote: u.quote ?? '' })}</span> <small>${u.message}</small></li>`)}
        </ul>`}`;
}

/** The header line and the counts of a build. */
export function renderSummary(s: NoticeState, lang: Lang): unknown {
  const b = s.build;
  if (!b || !s.input) return nothing;
  const L = (k: MessageKey, v?: Record<string, string | number>): string => t(k, lang, v);
  const nf = L('notice.notFound');
  return html`<h3 data-testid="notice-review-title">${L('notice.reviewTitle', { file: s.input.fileName })}</h3>
    <p lang="zh-CN">${b.header.title?.value ?? ''}</p>
    <p>${L('notice.header', { number: b.header.number?.value ?? nf, issuer: b.header.issuer?.value ?? nf, date: b.header.date?.value ?? nf })}</p>
    <p data-testid="notice-summary">${L('notice.summary', { records: b.file.records.length, features: b.features.length, unread: s.review?.unread.length ?? 0, unplaced: b.unplaced.length })}</p>`;
}

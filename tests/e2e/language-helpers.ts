import type { Page } from 'playwright-core';

/**
 * What the language test reads: the text a user sees, through every shadow root, and the checks it makes.
 *
 * Excepted from the checks, as the issue says: names, quotes, EPSG codes and units. Views mark text that is
 * data in its own language (feature names, gazette quotes, the rule set's legal texts, the English QA detail)
 * with a `lang` attribute; such text is skipped when its language differs from the UI's. `<code>` (hashes,
 * ids, file paths) and form controls' values are skipped too.
 */

/** A piece of visible text and where it is (a CSS-like path of tag names, for the failure message). */
export interface VisibleText {
  text: string;
  where: string;
}

/** Collects the visible text of the page (through shadow roots), skipping text marked with another language. */
export function visibleTexts(page: Page, uiLang: string): Promise<VisibleText[]> {
  return page.evaluate((lang) => {
    const out: Array<{ text: string; where: string }> = [];
    const SKIP = new Set(['SCRIPT', 'STYLE', 'CODE', 'TEMPLATE', 'NOSCRIPT', 'svg']);
    const foreign = (el: Element): boolean => {
      const l = el.getAttribute('lang');
      return l !== null && l !== '' && !l.startsWith(lang.slice(0, 2));
    };
    const path = (el: Element): string => {
      const parts: string[] = [];
      let e: Element | null = el;
      while (e && parts.length < 5) {
        parts.unshift(`${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''}`);
        e = e.parentElement ?? ((e.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
      }
      return parts.join(' > ');
    };
    const visit = (node: Node): void => {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement;
        const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (text === '' || !parent) return;
        if (!parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return;
        out.push({ text, where: path(parent) });
        return;
      }
      if (!(node instanceof Element)) {
        for (const c of node.childNodes) visit(c);
        return;
      }
      if (SKIP.has(node.tagName) || foreign(node)) return;
      if (node.tagName === 'DETAILS' && !(node as HTMLDetailsElement).open) {
        const summary = node.querySelector(':scope > summary');
        if (summary) visit(summary);
        return;
      }
      if (node.shadowRoot) visit(node.shadowRoot);
      for (const c of node.childNodes) visit(c);
    };
    visit(document.body);
    return out;
  }, uiLang);
}

/** Units and technical tokens that may appear in either language. */
const ALLOWED_TOKENS = /\b(EPSG:\d+|CGCS2000|WGS ?84|GeoJSON|CSV|KML|KMZ|PNG|JSON|DEM|GeoTIFF|Shapefile|OpenStreetMap|OSM|Natural Earth|DCW|GSHHG|LGPL|AMap|QA|sha256:[0-9a-f]+|km|m²|m|ha|°|mu|v[\d.]+)\b/g;

/** An English sentence: three or more English words in a row (after names and units are taken out). */
const ENGLISH_SENTENCE = /\b[A-Za-z][a-z]+(?:[ ,;:'’()-]+[A-Za-z][a-z]+){2,}/;

/** A raw code: SCREAMING_SNAKE, a prefixed flag such as `source-crs:EPSG:n`, or a kebab-case code of three parts or more. */
const RAW_CODE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b[a-z]+(?:-[a-z]+)*:EPSG:\d+\b|(?<![\w./-])[a-z]+(?:-[a-z0-9]+){2,}(?![\w./-])/;

/** Chinese prose: two or more Han characters in a row. */
const CHINESE = /[\u4e00-\u9fff]{2,}/;

/** Problems in the text of a zh-CN page: English sentences and raw codes. */
export function zhProblems(texts: readonly VisibleText[]): string[] {
  const problems: string[] = [];
  for (const { text, where } of texts) {
    const bare = text.replace(ALLOWED_TOKENS, ' ');
    if (ENGLISH_SENTENCE.test(bare)) problems.push(`English in zh-CN at ${where}: "${text}"`);
    if (RAW_CODE.test(text)) problems.push(`raw code at ${where}: "${text}"`);
  }
  return problems;
}

/** Problems in the text of an en page: Chinese prose and raw codes. */
export function enProblems(texts: readonly VisibleText[]): string[] {
  const problems: string[] = [];
  for (const { text, where } of texts) {
    if (CHINESE.test(text)) problems.push(`Chinese in en at ${where}: "${text}"`);
    if (RAW_CODE.test(text)) problems.push(`raw code at ${where}: "${text}"`);
  }
  return problems;
}

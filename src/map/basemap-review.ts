import type { IControl } from 'maplibre-gl';

/** Text shown for a map review number: the number as given, prefixed with 审图号 unless it already names itself. */
export function reviewNumberText(value: string): string {
  const v = value.trim();
  return /^审图号/.test(v) ? v : `审图号：${v}`;
}

/**
 * Bottom-left line with the map review number (审图号) of the current basemap; hidden when the basemap supplies
 * none. Text only (textContent): a value from a file's metadata is never read as HTML.
 */
export class ReviewNumberControl implements IControl {
  private readonly el: HTMLDivElement;
  private value: string | null = null;

  constructor() {
    this.el = document.createElement('div');
    this.el.className = 'maplibregl-ctrl gis-review-number';
    this.el.setAttribute('data-testid', 'review-number');
    Object.assign(this.el.style, { background: 'rgba(255,255,255,0.8)', padding: '0 5px', font: '11px/18px sans-serif', color: '#333', display: 'none' });
  }

  onAdd(): HTMLElement {
    return this.el;
  }

  onRemove(): void {
    this.el.remove();
  }

  /** Shows `value` (or hides the line for null or an empty string). */
  set(value: string | null): void {
    this.value = value !== null && value.trim() !== '' ? value.trim() : null;
    this.el.textContent = this.value === null ? '' : reviewNumberText(this.value);
    this.el.style.display = this.value === null ? 'none' : 'block';
  }

  /** The review number shown, or null. */
  get(): string | null {
    return this.value;
  }
}

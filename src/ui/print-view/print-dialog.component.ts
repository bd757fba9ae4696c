import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Lang } from '../../map/map-api';
import { PAPERS, PRINT_DPIS, PRINT_SCALES, mapPixels, pagePixels, parsePrintSettings, sheetLayout } from '../../core/print/page-layout';
import type { PrintSettings } from '../../core/print/page-layout';
import { t } from '../../i18n/localize';
import type { PrintKey } from '../../i18n/localize';
import { sharedStyles } from '../shared-styles';
import { openPrintWindow } from './print-document';
import { buildMapSheet, fillMapPrintPage, mapSheetPngBlob } from './print-map';
import { downloadBlob } from '../download';
import type { SheetInputs } from './print-map';

/**
 * The print dialog of the map sheet: paper (A4, A3, A2; portrait or landscape), scale (1:5,000 …
 * 1:50,000 or fit the current view), resolution (150 or 300 dpi) and title; then a PDF print page
 * (the browser's print to PDF) or a PNG of the whole page. The map is rendered off-screen for each.
 */
@customElement('gis-print-dialog')
export class PrintDialog extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      dialog {
        max-width: min(34rem, 96vw);
        border: 1px solid #8c959f;
        border-radius: 6px;
        padding: 1rem 1.25rem;
      }
      form {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.5rem 0.75rem;
        align-items: center;
      }
      h2 {
        margin: 0 0 0.75rem;
        font-size: 1.1rem;
      }
      .row {
        display: flex;
        gap: 0.75rem;
        flex-wrap: wrap;
      }
      .actions {
        grid-column: 1 / -1;
        display: flex;
        gap: 0.5rem;
        justify-content: flex-end;
        margin-top: 0.5rem;
      }
      .note {
        grid-column: 1 / -1;
        font-size: 0.85rem;
        color: #444;
        margin: 0;
      }
      .error {
        color: #8b0000;
      }
      input[type='text'] {
        width: 100%;
        box-sizing: border-box;
      }
    `,
  ];

  @property() locale: Lang = 'zh-CN';
  /** The title proposed in the form. */
  @property() defaultTitle = '';
  /** What the sheet shows besides the map (read when a button is pressed). */
  @property({ attribute: false }) inputs: (() => SheetInputs) | null = null;
  @state() private settings: PrintSettings = { paper: 'A3', orientation: 'landscape', scale: 10000, dpi: 300, title: '' };
  @state() private status: { key: PrintKey; error: boolean; detail?: string } | null = null;
  @state() private busy = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('form') private form!: HTMLFormElement;

  /** Opens the dialog. */
  async open(): Promise<void> {
    if (this.settings.title === '') this.settings = { ...this.settings, title: this.defaultTitle };
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
  }

  /** Closes the dialog. */
  close(): void {
    this.dialog.close();
  }

  private L(k: PrintKey, vars?: Record<string, string | number>): string {
    return t(`print.${k}`, this.locale, vars);
  }

  private read(): PrintSettings | null {
    const f = new FormData(this.form);
    const s = parsePrintSettings({
      paper: String(f.get('paper') ?? ''),
      orientation: String(f.get('orientation') ?? ''),
      scale: String(f.get('scale') ?? ''),
      dpi: String(f.get('dpi') ?? ''),
      title: String(f.get('title') ?? ''),
    });
    if (s) this.settings = { ...s, title: s.title || this.defaultTitle };
    return s ? this.settings : null;
  }

  private fail(error: unknown): void {
    const code = (error as { code?: unknown } | null)?.code;
    this.status = code === 'too-large' ? { key: 'tooLarge', error: true } : { key: 'failed', error: true, detail: error instanceof Error ? error.message : String(error) };
    this.dataset['state'] = 'error';
  }

  private async pdf(): Promise<void> {
    const s = this.read();
    if (!s || !this.inputs || this.busy) return;
    const win = openPrintWindow(this.locale, this.L('rendering'));
    if (win === null) {
      this.status = { key: 'popupBlocked', error: true };
      return;
    }
    await this.run(async () => {
      const { sheet } = await buildMapSheet(this.inputs!(), s);
      await fillMapPrintPage(win, sheet);
    });
  }

  private async png(): Promise<void> {
    const s = this.read();
    if (!s || !this.inputs || this.busy) return;
    await this.run(async () => {
      const { sheet, bitmap } = await buildMapSheet(this.inputs!(), s);
      const blob = await mapSheetPngBlob(sheet, bitmap);
      downloadBlob(blob, `${s.title || 'map'}-${s.paper}-${s.orientation}-${s.dpi}dpi.png`);
    });
  }

  private async run(job: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.status = { key: 'rendering', error: false };
    this.dataset['state'] = 'busy';
    try {
      await job();
      this.status = null;
      this.dataset['state'] = 'done';
    } catch (error: unknown) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  override render(): unknown {
    const s = this.settings;
    const layout = sheetLayout(s.paper, s.orientation);
    const map = mapPixels(layout, s.dpi);
    const page = pagePixels(layout, s.dpi);
    const loc = this.locale === 'en' ? 'en-US' : 'zh-CN';
    return html`<dialog data-testid="print-dialog" aria-labelledby="print-dialog-title" @close=${() => this.dispatchEvent(new Event('close'))}>
      <h2 id="print-dialog-title">${this.L('dialogTitle')}</h2>
      <form @change=${() => this.read()} @submit=${(e: Event) => e.preventDefault()}>
        <label for="pd-title">${this.L('title')}</label>
        <input id="pd-title" name="title" type="text" data-testid="print-title" maxlength="120" .value=${s.title} />
        <label for="pd-paper">${this.L('paper')}</label>
        <div class="row">
          <select id="pd-paper" name="paper" data-testid="print-paper">${PAPERS.map((p) => html`<option value=${p} ?selected=${p === s.paper}>${p}</option>`)}</select>
          <select name="orientation" aria-label=${this.L('orientation')} data-testid="print-orientation">
            <option value="portrait" ?selected=${s.orientation === 'portrait'}>${this.L('portrait')}</option>
            <option value="landscape" ?selected=${s.orientation === 'landscape'}>${this.L('landscape')}</option>
          </select>
        </div>
        <label for="pd-scale">${this.L('scale')}</label>
        <select id="pd-scale" name="scale" data-testid="print-scale">
          ${PRINT_SCALES.map((v) => html`<option value=${v} ?selected=${v === s.scale}>1:${v.toLocaleString(loc)}</option>`)}
          <option value="fit" ?selected=${s.scale === 'fit'}>${this.L('scaleFit')}</option>
        </select>
        <label for="pd-dpi">${this.L('dpi')}</label>
        <select id="pd-dpi" name="dpi" data-testid="print-dpi">${PRINT_DPIS.map((d) => html`<option value=${d} ?selected=${d === s.dpi}>${d} dpi</option>`)}</select>
        <p class="note" data-testid="print-size">${this.L('sizeNote', { w: map.width, h: map.height, pw: page.width, ph: page.height })}</p>
        ${this.status
          ? html`<p class="note ${this.status.error ? 'error' : ''}" role=${this.status.error ? 'alert' : 'status'} data-testid="print-status">${this.L(this.status.key)}${this.status.detail ?? ''}</p>`
          : nothing}
        <div class="actions">
          <button type="button" data-testid="print-cancel" @click=${() => this.close()}>${this.L('cancel')}</button>
          <button type="button" data-testid="print-png" ?disabled=${this.busy} @click=${() => void this.png()}>${this.L('png')}</button>
          <button type="button" data-testid="print-pdf" ?disabled=${this.busy} @click=${() => void this.pdf()}>${this.L('pdf')}</button>
        </div>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gis-print-dialog': PrintDialog;
  }
}

/** Opens the map sheet's print dialog (one per page, created on first use under `document.body`). */
export async function openMapPrintDialog(lang: Lang, defaultTitle: string, inputs: () => SheetInputs): Promise<PrintDialog> {
  let dialog = document.querySelector('gis-print-dialog');
  if (dialog === null) {
    dialog = document.createElement('gis-print-dialog');
    document.body.append(dialog);
  }
  dialog.locale = lang;
  dialog.defaultTitle = defaultTitle;
  dialog.inputs = inputs;
  await dialog.open();
  return dialog;
}

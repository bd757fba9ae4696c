/// <reference lib="webworker" />
import { DOMParser } from '@xmldom/xmldom';
import { transfer } from 'comlink';
import { createImportService } from '../core/import-job/import-service';
import type { XmlParser } from '../core/io/index';
import { exposeWorkerApi } from './expose';

/**
 * Import worker entry: the import job of `src/core/import-job` (read, preview, fix, accept, overview,
 * compliance check, export) for files of every size; the features stay here. Web Workers have no
 * DOMParser, so KML is parsed with @xmldom/xmldom's; overview PNGs are encoded on an OffscreenCanvas.
 * Exported files are transferred to the page, not copied.
 */

const xmlParser: XmlParser = {
  parseFromString: (text: string, mimeType: 'text/xml'): unknown => new DOMParser().parseFromString(text, mimeType),
};

const service = createImportService({
  xmlParser,
  createCanvas: (width, height) => (typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(width, height)),
});

const api = {
  ...service,
  exportFeatures: async (...args: Parameters<typeof service.exportFeatures>): ReturnType<typeof service.exportFeatures> => {
    const out = await service.exportFeatures(...args);
    return 'bytes' in out ? transfer(out, [out.bytes.buffer]) : out;
  },
};

exposeWorkerApi(api);

/** The import worker's API, for `openWorker<ImportWorkerApi>` in the app. */
export type ImportWorkerApi = typeof api;

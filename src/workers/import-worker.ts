/// <reference lib="webworker" />
import { DOMParser } from '@xmldom/xmldom';
import { acceptPreview, applyFixes, exportLayer, importFile, type XmlParser } from '../core/io/index';
import type { ImportReply, ImportRequest, ImportStage } from './import-messages';
import { areasOf } from './feature-areas';

/**
 * Runs the import pipeline off the main thread: `importFile` (GeoJSON, KML/KMZ, zipped
 * Shapefile, coordinate tables), `applyFixes`, `acceptPreview`, `exportLayer` and the areas of
 * the compliance check. One job per worker; the page cancels by terminating it. Web Workers have
 * no DOMParser, so KML is parsed with @xmldom/xmldom's.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

const xmlParser: XmlParser = {
  parseFromString: (text: string, mimeType: 'text/xml'): unknown => new DOMParser().parseFromString(text, mimeType),
};

function reply(message: ImportReply): void {
  scope.postMessage(message);
}

function stage(id: number, s: ImportStage): void {
  reply({ type: 'progress', id, stage: s });
}

function run(req: ImportRequest): unknown {
  switch (req.type) {
    case 'import': {
      stage(req.id, 'parsing');
      return importFile(req.bytes, req.name, { ...req.options, domParser: xmlParser });
    }
    case 'fix':
      stage(req.id, 'validating');
      return applyFixes(req.preview, req.fixIds);
    case 'accept':
      stage(req.id, 'validating');
      return acceptPreview(req.preview, { idPrefix: req.idPrefix, allowErrors: req.allowErrors });
    case 'export':
      stage(req.id, 'writing');
      return exportLayer(req.features, req.format, req.options);
    case 'areas':
      return req.features.map((f, i) => areasOf(f, i));
  }
}

scope.onmessage = (event: MessageEvent<ImportRequest>) => {
  const req = event.data;
  const id = typeof req === 'object' && req !== null && typeof req.id === 'number' ? req.id : -1;
  try {
    stage(id, 'started');
    const value = run(req);
    stage(id, 'done');
    reply({ type: 'result', id, value });
  } catch (error: unknown) {
    reply({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
};

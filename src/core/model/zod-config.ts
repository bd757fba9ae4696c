import { z } from 'zod';

/**
 * Zod compiles object parsers with `new Function` when it may; under the app's Content-Security-Policy (no
 * unsafe-eval) even its probe is reported as a violation. Jitless parsing is a little slower and CSP-clean.
 */
z.config({ jitless: true });

/** Unit tests must not touch the network: any fetch fails loudly. */
globalThis.fetch = (input: RequestInfo | URL): Promise<Response> => {
  throw new Error(`network access is not allowed in unit tests: ${String(input)}`);
};

import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { network } from './network';

// jsdom has no fetch of its own: the tests' network answers. It is in place before any test imports the console's API
// client, which takes `fetch` when it is made.
globalThis.fetch = network.fetch;
// Node's fetch reads relative URLs (the client's '/api/v1/…') against the page's address, as a browser does.
Object.defineProperty(globalThis, Symbol.for('undici.globalOrigin.1'), { value: new URL(window.location.href), configurable: true, writable: true });

afterEach(() => {
  cleanup();
  network.reset();
});

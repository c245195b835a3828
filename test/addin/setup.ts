/**
 * Set up once for every test of the `dom` project (vitest.config.ts): jsdom has no ResizeObserver,
 * which Fluent's MessageBar and overflow components use to watch their own width.
 */
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

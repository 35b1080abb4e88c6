// Suites build real databases: a generous timeout, never used to assert speed. Set here rather than
// as `testTimeout` so it applies both in the root multi-project run and in a single package.
jest.setTimeout(300_000);

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // tsconfig sets isolatedModules, so ts-jest transpiles each file alone and checks no types whatever
  // `diagnostics` says: turned on, it would report only what transpiling one file finds, at a cost.
  // Type errors, in tests too, are `npm run typecheck`'s (tsc over src, test, bench, scripts, examples).
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFiles: ['<rootDir>/test/setup.ts'],
  testTimeout: 60000,
  // A test file's modules stay reachable after it (servers' timers, worker threads, library caches), so
  // one process running every file grows past the heap limit; a worker holding more than this after a
  // file is replaced by a fresh one (and the files then run in that worker, not in jest's own process).
  workerIdleMemoryLimit: '1536MB',
};

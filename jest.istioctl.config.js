/**
 * `npm run test:istioctl`: the tests that need the real tools (istioctl, offline-analyze, helm), built by
 * `npm run tools`; they fail with the reason where the tools cannot be built. `npm test` never runs them.
 */
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ["<rootDir>/tests/istioctl/**/*.istioctl-test.ts"],
  // The first build of istioctl takes about ten minutes on two cores; later ones reuse Go's caches.
  testTimeout: 30 * 60 * 1000,
  maxWorkers: 1,
};

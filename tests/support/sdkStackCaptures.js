/**
 * jest (setupFilesAfterEnv): the SDK's promise stack captures keep their first line only (see
 * scripts/offline/sdkPromiseStacks.ts). Under jest each capture would go through source-map-support, which maps
 * every frame through the SDK's own source maps: seconds in each test file that renders a program, for traces no
 * test reads. Every other stack trace is formatted and source-mapped as before.
 */
require("../../scripts/offline/sdkPromiseStacks").skipSdkPromiseStacks();

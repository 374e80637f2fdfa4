// @pulumi/pulumi/runtime/debuggable without its promise stack captures (scripts/offline/sdkPromiseStacks.ts), as the
// render runs it; tests/support/jestResolver.js sends every require of it here. The SDK's modules require it in a
// cycle (debuggable → log → runtime/settings → debuggable), so this module's exports forward to the real module
// rather than replace this module's exports object, which runtime/settings holds from the middle of the cycle.
const { withoutPromiseStacks } = require("../../../scripts/offline/sdkPromiseStacks");

const realPath = require.resolve("@pulumi/pulumi/runtime/debuggable.js");
let debuggable;
// Inside the cycle, before the real module has finished loading, what it has defined so far.
const real = () => debuggable ?? require(realPath);

for (const name of ["debugPromiseLeaks", "leakedPromises", "promiseDebugString", "debuggablePromise", "errorString"]) {
  Object.defineProperty(exports, name, {
    enumerable: true,
    get: () => real()[name],
    set: (value) => {
      real()[name] = value;
    },
  });
}
debuggable = withoutPromiseStacks(require(realPath));

// @pulumi/pulumi/runtime/closure/serializeClosure, loaded on first call (see tests/support/jestResolver.js).
const { deferredExports } = require("../../../scripts/offline/deferredSdkModules");

module.exports = deferredExports("serializeClosure", () => require("@pulumi/pulumi/runtime/closure/serializeClosure"));

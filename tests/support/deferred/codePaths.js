// @pulumi/pulumi/runtime/closure/codePaths, loaded on first call (see tests/support/jestResolver.js).
const { deferredExports } = require("../../../scripts/offline/deferredSdkModules");

module.exports = deferredExports("codePaths", () => require("@pulumi/pulumi/runtime/closure/codePaths"));

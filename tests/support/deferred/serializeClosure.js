// @pulumi/pulumi/runtime/closure/serializeClosure, loaded on first call (see tests/support/jestResolver.js).
const actual = () => require("@pulumi/pulumi/runtime/closure/serializeClosure");

module.exports = {
  serializeFunction: (...args) => actual().serializeFunction(...args),
  serializeFunctionAsync: (...args) => actual().serializeFunctionAsync(...args),
};

// @pulumi/pulumi/runtime/closure/codePaths, loaded on first call (see tests/support/jestResolver.js).
const actual = () => require("@pulumi/pulumi/runtime/closure/codePaths");

module.exports = {
  computeCodePaths: (...args) => actual().computeCodePaths(...args),
  findWorkspaceRoot: (...args) => actual().findWorkspaceRoot(...args),
};

// @pulumi/pulumi/resource with `Resource.callsites` reading V8's call sites instead of parsing a formatted stack
// trace. The SDK takes the call sites of every resource it constructs, for the source position it sends the engine
// (which the mock engine drops); under jest, source-map-support maps each frame of each of those stacks, about a
// millisecond per resource. This gives the frames and positions the SDK gets in the render, which runs without
// source maps: V8's own. tests/support/jestResolver.js sends the SDK index's require of ./resource here; everything
// else the module is required by gets the same, patched class.
const resource = require(require.resolve("@pulumi/pulumi/resource.js"));

/** What the SDK's parse of `new Error().stack` keeps of a frame: a position when V8 prints it as `at <name> (<file>:<line>:<column>)`. */
function frameOf(site) {
  const file = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  // V8 prints a top-level call of an unnamed function as `at <file>:<line>:<column>`, which the SDK's pattern skips.
  const printedWithName = !site.isToplevel() || site.isConstructor() || Boolean(site.getFunctionName());
  if (!printedWithName || !file || !line || !column || file.startsWith("node:")) return {};
  return { file, line, column };
}

resource.Resource.callsites = function callsites() {
  const stackTraceLimit = Error.stackTraceLimit;
  const prepareStackTrace = Error.prepareStackTrace;
  try {
    Error.stackTraceLimit = Number.POSITIVE_INFINITY;
    Error.prepareStackTrace = (_error, sites) => sites;
    return new Error().stack.map(frameOf);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    Error.prepareStackTrace = prepareStackTrace;
  }
};

module.exports = resource;

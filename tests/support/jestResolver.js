/**
 * Jest resolver.
 * - ESM-only packages (their package.json `exports` carry only the `import` condition) are resolved with that
 *   condition added; jest.config.js has swc transform them into CommonJS.
 * - @pulumi/pulumi's runtime index requires its closure serializer and code-path finder eagerly: over a second
 *   in each test file that loads the SDK. Those two requires get stand-ins (tests/support/deferred/) that load the
 *   real modules on first call, as the render does (scripts/offline/deferredSdkModules.ts).
 * - Two modules, wherever they are required from, come through stand-ins in tests/support/deferred/ that load
 *   and patch them as the render does: @pulumi/pulumi/runtime/debuggable without promise stack captures
 *   (scripts/offline/sdkPromiseStacks.ts), google-protobuf's struct_pb with Structs built in linear time
 *   (scripts/offline/linearStructs.ts).
 * - The SDK index's require of ./resource comes through tests/support/deferred/resource.js, which takes each
 *   resource's call sites from V8 as the render gets them, without source-map-support mapping every frame.
 */
const path = require("path");

const esmOnly = /^(@kubernetes-models\/|is-cidr$|cidr-regex$|ip-regex$|ip-bigint$)/;
const deferredClosureModules = new Set(["./closure/serializeClosure", "./closure/codePaths"]);
const pulumiDir = `${path.sep}@pulumi${path.sep}pulumi`;
const pulumiRuntimeDir = `${pulumiDir}${path.sep}runtime`;
const standInDir = path.join(__dirname, "deferred");
/** The patched modules' resolved paths → their stand-ins; filled on the first resolution. */
let standIns;

module.exports = (request, options) => {
  if (deferredClosureModules.has(request) && options.basedir.endsWith(pulumiRuntimeDir)) {
    return path.join(standInDir, `${path.basename(request)}.js`);
  }
  if (request === "./resource" && options.basedir.endsWith(pulumiDir)) {
    return path.join(standInDir, "resource.js");
  }
  if (esmOnly.test(request)) {
    return options.defaultResolver(request, {
      ...options,
      conditions: [...(options.conditions ?? []), "import"],
    });
  }
  const resolved = options.defaultResolver(request, options);
  standIns ??= new Map(
    [
      ["@pulumi/pulumi/runtime/debuggable.js", "debuggable.js"],
      ["google-protobuf/google/protobuf/struct_pb.js", "struct_pb.js"],
    ].map(([module, standIn]) => [options.defaultResolver(module, { ...options, basedir: __dirname }), path.join(standInDir, standIn)]),
  );
  // The stand-ins themselves load the real modules.
  return (options.basedir !== standInDir && standIns.get(resolved)) || resolved;
};

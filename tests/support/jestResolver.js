/**
 * Jest resolver.
 * - ESM-only packages (their package.json `exports` carry only the `import` condition) are resolved with that
 *   condition added; jest.config.js has swc transform them into CommonJS.
 * - @pulumi/pulumi's runtime index requires its closure serializer and code-path finder eagerly: over a second
 *   in each test file that loads the SDK. Those two requires get stand-ins (tests/support/deferred/) that load the
 *   real modules on first call, as the render does (scripts/offline/deferredSdkModules.ts).
 */
const path = require("path");

const esmOnly = /^(@kubernetes-models\/|is-cidr$|cidr-regex$|ip-regex$|ip-bigint$)/;
const deferredClosureModules = new Set(["./closure/serializeClosure", "./closure/codePaths"]);
const pulumiRuntimeDir = `${path.sep}@pulumi${path.sep}pulumi${path.sep}runtime`;

module.exports = (request, options) => {
  if (deferredClosureModules.has(request) && options.basedir.endsWith(pulumiRuntimeDir)) {
    return path.join(__dirname, "deferred", `${path.basename(request)}.js`);
  }
  if (esmOnly.test(request)) {
    return options.defaultResolver(request, {
      ...options,
      conditions: [...(options.conditions ?? []), "import"],
    });
  }
  return options.defaultResolver(request, options);
};

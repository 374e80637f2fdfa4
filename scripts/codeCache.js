/**
 * V8's code cache for every CommonJS module a script loads (the SDKs, the program, the pack), required by
 * scripts/transpile.js. Node 20 compiles each module from its source at every start, a third of what the render
 * spends before its own work; V8 can instead read back the code it compiled (with the functions that ran) from
 * data it produced in an earlier run. That data is kept in `node_modules/.cache/v8-code/` under the hash of the
 * module's file name and source, V8's version and Node's flags, so a changed source or runtime finds no entry
 * and compiles afresh: what runs is always the source as it is (V8 also refuses data it did not produce for that
 * source). Data is written as the process exits, for the modules that had none.
 *
 * A module with `import()` compiles as Node compiles it: only Node's own compile hands dynamic imports to its
 * ESM loader.
 */
"use strict";
const { createHash } = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");
const vm = require("vm");

const cacheDir = path.join(__dirname, "..", "node_modules", ".cache", "v8-code");
const runtimeKey = createHash("sha256")
  .update(JSON.stringify([process.version, process.versions.v8, process.arch, process.execArgv, process.env.NODE_OPTIONS ?? ""]))
  .digest();

/** @type {{ script: vm.Script; file: string }[]} */
const uncached = [];
const nodeCompile = Module.prototype._compile;

/** The `require` Node gives a module (see makeRequireFunction in Node's lib/internal/modules/helpers.js). */
function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/** `import(` however spaced (a false match only costs the cache). */
const dynamicImport = /\bimport\s*\(/;

Module.prototype._compile = function compileWithCodeCache(content, filename) {
  if (dynamicImport.test(content)) {
    return nodeCompile.call(this, content, filename);
  }
  // A hashbang is valid only at the very start of a script, not inside the wrapper: made a comment of the same length.
  if (content.startsWith("#!")) {
    content = `//${content.slice(2)}`;
  }
  const key = createHash("sha256").update(runtimeKey).update(filename).update("\0").update(content).digest("hex");
  const file = path.join(cacheDir, `${key}.bin`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(file);
  } catch {
    // Not cached yet: compiled from the source, cached at exit.
  }
  const script = new vm.Script(Module.wrap(content), { filename, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    uncached.push({ script, file });
  }
  const wrapper = script.runInThisContext({ displayErrors: true });
  return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
};

process.once("exit", () => {
  if (uncached.length === 0) return;
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    for (const { script, file } of uncached) {
      // Written aside and renamed, so a process starting at the same time reads a whole entry or none.
      const partial = `${file}.${process.pid}`;
      fs.writeFileSync(partial, script.createCachedData());
      fs.renameSync(partial, file);
    }
  } catch {
    // A cache that cannot be written (a read-only checkout) only means the next start compiles again.
  }
});

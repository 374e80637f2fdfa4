/**
 * `node --require ./scripts/transpile.js scripts/<name>.ts`: runs the project's TypeScript scripts (the render,
 * the analysis, the tools) without type checking, which is `npm run typecheck`'s and CI's job. swc strips the
 * types of each `.ts` module as Node requires it; the result is kept in `node_modules/.cache/transpiled-ts/`
 * under the hash of the module's source and of the transpiler's version and options, so a later run reads it
 * back instead of transpiling again. A changed source has another hash: what runs is always the source as it is.
 * Nothing here loads the TypeScript compiler, and swc itself loads only for a source not yet in the cache.
 * Every module, TypeScript or JavaScript, then compiles through V8's code cache (scripts/codeCache.js).
 */
"use strict";
require("./codeCache");
const { createHash } = require("crypto");
const fs = require("fs");
const path = require("path");

/**
 * What tsconfig.json and policy-pack/tsconfig.json ask of the emitted code (ES2022, CommonJS with
 * esModuleInterop's helpers), with `import()` left as it is, so ESM-only packages load as Node loads them.
 */
const swcOptions = {
  swcrc: false,
  configFile: false,
  sourceMaps: false,
  module: { type: "commonjs", ignoreDynamic: true },
  jsc: { parser: { syntax: "typescript" }, target: "es2022" },
};

const swcVersion = JSON.parse(fs.readFileSync(require.resolve("@swc/core/package.json"), "utf8")).version;
const cacheDir = path.join(__dirname, "..", "node_modules", ".cache", "transpiled-ts");
const optionsHash = createHash("sha256").update(JSON.stringify([swcVersion, swcOptions])).digest();

/** @type {typeof import("@swc/core") | undefined} */
let swc;

/** The JavaScript for one TypeScript source: from the cache, or transpiled and then cached. */
function transpile(source, filename) {
  const key = createHash("sha256").update(optionsHash).update(source).digest("hex");
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, "utf8");
  } catch {
    // Not cached yet: transpile below.
  }
  swc ??= require("@swc/core");
  const { code } = swc.transformSync(source, { ...swcOptions, filename });
  // Written aside and renamed, so a process running at the same time reads a whole file or none.
  fs.mkdirSync(cacheDir, { recursive: true });
  const partial = `${cached}.${process.pid}`;
  fs.writeFileSync(partial, code);
  fs.renameSync(partial, cached);
  return code;
}

require.extensions[".ts"] = (module, filename) => {
  module._compile(transpile(fs.readFileSync(filename, "utf8"), filename), filename);
};

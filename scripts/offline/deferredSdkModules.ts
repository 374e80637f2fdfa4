/**
 * @pulumi/pulumi's runtime index requires its closure serializer and code-path finder as it loads, and with them
 * the TypeScript compiler and npm's arborist: more than half of the SDK's load time, for code that runs only when
 * a program serializes a JavaScript function (dynamic providers, function assets), which no program here does.
 * The SDK defers the same modules itself where it can (`@pulumi/pulumi/dynamic`). The offline render, and the
 * tests through tests/support/jestResolver.js, put stand-ins in their place that load the real module on first
 * call, so nothing changes but when the modules load.
 */
import { Module } from "module";
import * as path from "path";

type ModuleExports = Record<string, (...args: unknown[]) => unknown>;

/** The deferred modules under `@pulumi/pulumi/runtime/closure/`, with the functions each exports. */
export const deferredSdkModules = {
  serializeClosure: ["serializeFunction", "serializeFunctionAsync"],
  codePaths: ["computeCodePaths", "findWorkspaceRoot"],
} as const;

export type DeferredSdkModule = keyof typeof deferredSdkModules;

/** Functions of the same names that load the module (through `load`) on the first call of any of them. */
export function deferredExports(module: DeferredSdkModule, load: () => ModuleExports): ModuleExports {
  let actual: ModuleExports | undefined;
  return Object.fromEntries(
    deferredSdkModules[module].map((name) => [
      name,
      (...args: unknown[]) => {
        actual ??= load();
        return actual[name](...args);
      },
    ]),
  );
}

/** Puts the stand-ins into Node's module cache; call before anything loads @pulumi/pulumi. */
export function deferSdkModules(): void {
  const closureDir = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "runtime", "closure");
  for (const module of Object.keys(deferredSdkModules) as DeferredSdkModule[]) {
    const file = path.join(closureDir, `${module}.js`);
    if (require.cache[file] !== undefined) continue;
    const standIn = new Module(file);
    standIn.filename = file;
    standIn.loaded = true;
    standIn.exports = deferredExports(module, () => {
      delete require.cache[file];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(file) as ModuleExports;
    });
    require.cache[file] = standIn;
  }
}

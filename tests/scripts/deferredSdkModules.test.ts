import { execFileSync } from "child_process";
import { deferredExports, type DeferredSdkModule, deferredSdkModules } from "../../scripts/offline/deferredSdkModules";
import { projectDir } from "../support/project";

const modules = Object.keys(deferredSdkModules) as DeferredSdkModule[];
const actualModule = (module: DeferredSdkModule) => jest.requireActual<Record<string, unknown>>(`@pulumi/pulumi/runtime/closure/${module}`);

describe.each(modules)("the stand-in for @pulumi/pulumi/runtime/closure/%s", (module) => {
  it("forwards every function the module exports, and nothing else", () => {
    const actual = actualModule(module);
    expect(Object.keys(actual).filter((name) => typeof actual[name] === "function").sort()).toEqual([...deferredSdkModules[module]].sort());
  });
});

describe("deferredExports", () => {
  // A recording module, not the SDK's: its serializeFunction opens an inspector session and enables V8's debugger
  // for the rest of the worker process, which makes every later test file in that worker about twice as slow.
  // The test below serializes a function through the real module, in a process of its own.
  it("loads the module at the first call, once, and returns what the module's function returns", () => {
    let loads = 0;
    const calls: unknown[][] = [];
    const standIn = deferredExports("serializeClosure", () => {
      loads += 1;
      return {
        serializeFunction: (...args: unknown[]) => (calls.push(args), `serialized ${calls.length}`),
        serializeFunctionAsync: (...args: unknown[]) => (calls.push(args), `serialized async ${calls.length}`),
      };
    });
    expect(loads).toBe(0);
    expect(standIn.serializeFunction("first", { option: true })).toBe("serialized 1");
    expect(standIn.serializeFunctionAsync("second")).toBe("serialized async 2");
    expect(loads).toBe(1);
    expect(calls).toEqual([["first", { option: true }], ["second"]]);
  });
});

test("under the render's deferral, loading the SDK loads neither TypeScript nor arborist, and a function still serializes", () => {
  const script = `
    require("./scripts/offline/deferredSdkModules").deferSdkModules();
    const pulumi = require("@pulumi/pulumi");
    const loaded = () => Object.keys(require.cache).filter((file) => /node_modules\\/(typescript|@npmcli\\/arborist)\\//.test(file)).length;
    const before = loaded();
    pulumi.runtime.serializeFunction(() => 42).then((serialized) => console.log(JSON.stringify({ before, after: loaded(), text: serialized.text })));
  `;
  const result = JSON.parse(execFileSync(process.execPath, ["--require", "./scripts/transpile.js", "-e", script], { cwd: projectDir, encoding: "utf8" })) as { before: number; after: number; text: string };
  expect(result.before).toBe(0);
  expect(result.after).toBeGreaterThan(0);
  expect(result.text).toContain("42");
});

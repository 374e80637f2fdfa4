import { execFileSync } from "child_process";
import * as path from "path";
import { projectDir } from "../support/program";

/** Runs a script with `skipSdkPromiseStacks` installed (or not) in a fresh Node process, as the render does. */
function run(script: string, install: boolean): string {
  const setup = install ? `require(${JSON.stringify(path.join(projectDir, "scripts", "offline", "sdkPromiseStacks.ts"))}).skipSdkPromiseStacks();` : "";
  return execFileSync(process.execPath, ["--require", path.join(projectDir, "scripts", "transpile.js"), "-e", `${setup}\n${script}`], { cwd: projectDir, encoding: "utf8" });
}

describe("skipSdkPromiseStacks", () => {
  it("keeps only the first line of the SDK's promise stack captures", () => {
    const script = `
      const { debuggablePromise } = require("@pulumi/pulumi/runtime/debuggable");
      const promise = Promise.resolve(1);
      void debuggablePromise(promise, "ctx");
      console.log(JSON.stringify(promise._debugStackTrace));`;
    expect(JSON.parse(run(script, true))).toBe("Error");
    expect(JSON.parse(run(script, false))).toMatch(/^Error\n {4}at debuggablePromise \(.*debuggable\.js:\d+:\d+\)\n/);
  });

  it("formats every other stack trace exactly as Node does", () => {
    const script = `
      function thrower() { return new Error("boom"); }
      const error = thrower();
      const empty = new Error();
      console.log(JSON.stringify([error.stack, empty.stack, new TypeError("typed").stack]));`;
    const withStandIn = JSON.parse(run(script, true)) as string[];
    expect(withStandIn).toEqual(JSON.parse(run(script, false)));
    expect(withStandIn[0]).toMatch(/^Error: boom\n {4}at thrower \(/);
  });
});

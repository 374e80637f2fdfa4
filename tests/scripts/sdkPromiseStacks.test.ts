import { execFileSync } from "child_process";
import * as path from "path";
import { projectDir } from "../support/project";

/**
 * A fresh Node process, as the render runs: the SDK's debuggable module with `withoutPromiseStacks` applied (or
 * not), then the script. Prints the script's JSON.
 */
function run(script: string, patch: boolean, env: NodeJS.ProcessEnv = {}): unknown {
  const setup = patch
    ? `require(${JSON.stringify(path.join(projectDir, "scripts", "offline", "sdkPromiseStacks.ts"))}).withoutPromiseStacks(require("@pulumi/pulumi/runtime/debuggable"));`
    : "";
  const stdout = execFileSync(process.execPath, ["--require", path.join(projectDir, "scripts", "transpile.js"), "-e", `${setup}\n${script}`], {
    cwd: projectDir,
    encoding: "utf8",
    env: { ...process.env, PULUMI_DEBUG_PROMISE_LEAKS: "", ...env },
  });
  return JSON.parse(stdout);
}

const capture = `
  const debuggable = require("@pulumi/pulumi/runtime/debuggable");
  const promise = Promise.resolve(1);
  void debuggable.debuggablePromise(promise, "ctx").then((value) => {
    const thrown = new Error("boom");
    console.log(JSON.stringify({ value, trace: promise._debugStackTrace, ctx: promise._debugCtx, limit: Error.stackTraceLimit, thrown: thrown.stack.split("\\n").length > 1 }));
  });`;

describe("withoutPromiseStacks", () => {
  it("has the SDK's promise captures take no frames, and changes nothing else", () => {
    expect(run(capture, true)).toEqual({ value: 1, trace: "Error", ctx: "ctx", limit: 10, thrown: true });
    expect(run(capture, false)).toMatchObject({ value: 1, trace: expect.stringMatching(/^Error\n {4}at (Object\.)?debuggablePromise \(.*debuggable\.js:\d+:\d+\)\n/), ctx: "ctx", limit: 10 });
  });

  it("leaves the captures on when PULUMI_DEBUG_PROMISE_LEAKS asks for them", () => {
    expect(run(capture, true, { PULUMI_DEBUG_PROMISE_LEAKS: "1" })).toMatchObject({ trace: expect.stringMatching(/^Error\n {4}at (Object\.)?debuggablePromise /) });
  });

  it("is what the SDK runs under jest too (tests/support/jestResolver.js)", async () => {
    await import("@pulumi/pulumi");
    // An internal module of the SDK: no type declarations.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise(promise: Promise<number>, ctx: string): Promise<number> };
    const promise = Promise.resolve(2) as Promise<number> & { _debugStackTrace?: string };
    await expect(debuggable.debuggablePromise(promise, "ctx")).resolves.toBe(2);
    // No frames: jest's source-map-support formats the bare error as "Error: ".
    expect(promise._debugStackTrace).toMatch(/^Error(: )?$/);
  });
});

import { execFileSync } from "child_process";
import * as path from "path";
import { projectDir } from "../support/project";

const standIn = path.join(projectDir, "tests", "support", "deferred", "resource.js");

type Frame = { file?: string; line?: number; column?: number };

/**
 * In a plain Node process, as the render runs (no source maps): the SDK's own `Resource.callsites`, then the jest
 * stand-in's, each called through the same named, anonymous, constructor and async frames.
 */
const compare = `
const { Resource } = require("@pulumi/pulumi/resource");
const original = Resource.callsites;
require(${JSON.stringify(standIn)});
const patched = Resource.callsites;
const both = () => [original, patched].map((callsites) => callsites.call(Resource));
class Holder { constructor() { this.frames = both(); } }
function named() { return new Holder().frames; }
const viaAnonymous = (() => named())();
(async () => { await null; return [viaAnonymous, await Promise.resolve().then(() => named())]; })().then((pairs) => console.log(JSON.stringify(pairs)));
`;

test("the stand-in for the SDK's Resource.callsites gives the frames the SDK's own gives under plain Node", () => {
  const pairs = JSON.parse(execFileSync(process.execPath, ["-e", compare], { cwd: projectDir, encoding: "utf8" })) as [Frame[], Frame[]][];
  for (const [original, patched] of pairs) {
    // Each list starts with its own function's frame.
    expect(patched.slice(1)).toEqual(original.slice(1));
    expect(original.slice(1).filter((frame) => frame.file === "[eval]").length).toBeGreaterThan(0);
    expect(original.slice(1).some((frame) => frame.file === undefined)).toBe(true);
  }
});

test("is what the SDK runs under jest (tests/support/jestResolver.js)", async () => {
  const pulumi = await import("@pulumi/pulumi");
  // callsites is private in the SDK's types.
  const resource = pulumi.Resource as unknown as { callsites(): Frame[] };
  expect(resource).toBe((jest.requireActual(standIn) as { Resource: unknown }).Resource);
  expect(resource.callsites.toString()).toContain("frameOf");
});

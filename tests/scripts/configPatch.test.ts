import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { applyConfigPatch, ConfigPatchError, mergePatch } from "../../scripts/offline/configPatch";
import type { StackConfig } from "../../scripts/offline/stackConfig";
import { propertyRuns } from "../arbitraries/runs";
import { removeTemporaryDirs, render, temporaryDir } from "./renderHarness";

afterAll(removeTemporaryDirs);

const stack: StackConfig = {
  project: "istio-mesh",
  stack: "prod",
  config: {
    "istio-mesh:istio": JSON.stringify({ revisions: [{ name: "1-30-3" }], revisionTags: { "prod-stable": "1-30-3" }, mtlsMode: "STRICT" }),
    "istio-mesh:environment": "prod",
    "istio-mesh:kubeconfig": "[secret]",
  },
  secretKeys: ["istio-mesh:kubeconfig"],
};

function patchFile(content: string): string {
  const file = path.join(temporaryDir(), "patch.yaml");
  fs.writeFileSync(file, content);
  return file;
}

describe("mergePatch (RFC 7386)", () => {
  it.each([
    ["objects merge key by key", { a: { b: 1, c: 2 } }, { a: { c: 3, d: 4 } }, { a: { b: 1, c: 3, d: 4 } }],
    ["null removes a key", { a: 1, b: 2 }, { a: null }, { b: 2 }],
    ["a list replaces a list", { a: [1, 2] }, { a: [3] }, { a: [3] }],
    ["an object replaces a value", { a: "x" }, { a: { b: 1 } }, { a: { b: 1 } }],
    ["a value replaces an object", { a: { b: 1 } }, { a: "x" }, { a: "x" }],
  ])("%s", (_, target, patch, expected) => {
    expect(mergePatch(target, patch)).toEqual(expected);
  });

  it("applies a patch twice as once, and an empty patch changes nothing", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()), (target, patch) => {
        const once = mergePatch(target, patch);
        expect(mergePatch(once, patch)).toEqual(once);
        expect(mergePatch(target, {})).toEqual(target);
      }),
      propertyRuns,
    );
  });
});

describe("applyConfigPatch", () => {
  it("merges into a structured key, keeps the others, removes a key set to null", () => {
    const patched = applyConfigPatch(stack, patchFile("config:\n  istio-mesh:istio:\n    revisionTags: null\n    gatewayRevision: 1-30-3\n  environment: null\n"));
    expect(JSON.parse(patched.config["istio-mesh:istio"])).toEqual({ revisions: [{ name: "1-30-3" }], mtlsMode: "STRICT", gatewayRevision: "1-30-3" });
    expect(patched.config["istio-mesh:environment"]).toBeUndefined();
    expect(patched.config["istio-mesh:kubeconfig"]).toBe("[secret]");
  });

  it.each([
    ["no config map", "istio-mesh:istio: {}\n", "expected a YAML document with a `config:` map"],
    ["a secret key", "config:\n  istio-mesh:kubeconfig: plain\n", "istio-mesh:kubeconfig is secret config"],
    ["a secure value", "config:\n  istio-mesh:token:\n    secure: AAAA\n", "istio-mesh:token is secret config"],
  ])("rejects a patch with %s", (_, content, message) => {
    expect(() => applyConfigPatch(stack, patchFile(content))).toThrow(ConfigPatchError);
    expect(() => applyConfigPatch(stack, patchFile(content))).toThrow(message);
  });
});

describe("render --config-patch", () => {
  it("renders a step of the canary upgrade", async () => {
    const result = await render(["--stack", "prod", "--config-patch", "upgrades/canary/1-install-canary.yaml", "--json"]);
    expect(result.exitCode).toBe(0);
    const releases = (JSON.parse(result.stdout) as { resources: { type: string; inputs: { name?: string } }[] }).resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release").map((r) => r.inputs.name);
    expect(releases).toEqual(expect.arrayContaining(["istiod", "istiod-1-31-0"]));
  });

  it("rejects a missing patch file with exit 2 and writes nothing", async () => {
    const outDir = path.join(temporaryDir(), "out");
    const result = await render(["--stack", "prod", "--config-patch", "upgrades/none.yaml", "--out", outDir]);
    expect(result).toMatchObject({ exitCode: 2, stdout: "" });
    expect(result.stderr).toContain("config patch upgrades/none.yaml:");
    expect(fs.existsSync(outDir)).toBe(false);
  });
});

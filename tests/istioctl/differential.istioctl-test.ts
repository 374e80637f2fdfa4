/**
 * The pack against istioctl's real analyzers (offline-analyze, built from the pinned module), on istioctl's own test
 * cases and on fast-check-generated app stacks, compared as sets of (resource, IST code). Where they differ on a
 * generated stack, the difference must be one the pack keeps on purpose (policy-pack/README.md lists them).
 */
import { spawnSync } from "child_process";
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { policyChecks, undecidableCodes } from "../../policy-pack/istioctlCoverage";
import { evaluatePolicies } from "../../policy-pack/offline";
import { analyzersDir, loadAnalyzerCases, messageCodes } from "../../scripts/parity/analyzerCases";
import { friendlyName, KubeObject, offlineResources } from "../../scripts/parity/caseResources";
import { caseVerdict, violationKeys } from "../../scripts/parity/caseVerdicts";
import { parityGoal } from "../../scripts/parityGoal";
import type { AnalyzerMessage } from "../../scripts/analysis/findings";
import { ensureTools, type IstioTools } from "../../scripts/tools/istioTools";
import { meshWorkloads } from "../arbitraries/meshWorkloads";
import { propertyRuns } from "../arbitraries/runs";
import { projectDir } from "../support/project";

let tools: IstioTools;
let scratch = "";

beforeAll(() => {
  // Throws ToolsUnavailableError, failing every test with the reason, where the tools cannot be built.
  tools = ensureTools({ projectDir, env: process.env, log: (line) => process.stderr.write(`${line}\n`) });
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "istioctl-differential-"));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const coveredCodes = new Set(Object.values(policyChecks).flatMap((checks) => checks.map((check) => check.code)));

/** Differences the pack keeps on purpose, by IST code, with the reason (README: "How closely the pack agrees"). */
const keptDifferences: Readonly<Record<string, string>> = {
  IST0133: "istiod's validation warnings beyond host syntax (e.g. a TCP ServiceEntry without addresses, already IST0134) are not reproduced",
};

/** Pods the Deployments will run, for istioctl, which matches selectors against Pods only; named after their Deployment. */
function standInPods(objects: readonly KubeObject[]): { pods: KubeObject[]; origins: Map<string, string> } {
  const origins = new Map<string, string>();
  const pods = objects
    .filter((object) => object.kind === "Deployment")
    .map((object) => {
      const template = (object as { spec: { template: { metadata: Record<string, unknown>; spec: Record<string, unknown> } } }).spec.template;
      const name = `${object.metadata?.name}-stand-in`;
      origins.set(friendlyName("Pod", name, object.metadata?.namespace), friendlyName("Deployment", object.metadata?.name ?? "", object.metadata?.namespace));
      return { apiVersion: "v1", kind: "Pod", metadata: { ...template.metadata, name, namespace: object.metadata?.namespace }, spec: template.spec } as KubeObject;
    });
  return { pods, origins };
}

function istioctlKeys(objects: readonly KubeObject[], file: string): string[] {
  const { pods, origins } = standInPods(objects);
  fs.writeFileSync(file, [...objects, ...pods].map((object) => stringify(object)).join("---\n"));
  const result = spawnSync(tools.offlineAnalyze, [file], { encoding: "utf8" });
  expect(result.status).toBe(0);
  const messages = JSON.parse(result.stdout) as AnalyzerMessage[];
  return [...new Set(messages.filter((message) => coveredCodes.has(message.code)).map((message) => `${message.code} ${origins.get(message.origin ?? "") ?? message.origin}`))].sort();
}

async function packKeys(objects: readonly KubeObject[]): Promise<string[]> {
  const { resources, origins } = offlineResources(objects);
  const violations = await evaluatePolicies(resources, {});
  return [...new Set(violations.flatMap((violation) => violationKeys(violation, undefined, origins)))].sort();
}

describe("istioctl's own analyzer test cases", () => {
  test(`the pack flags exactly what istioctl flags in at least ${parityGoal * 100} % of the decidable cases`, async () => {
    const cases = loadAnalyzerCases(tools.istioModuleDir);
    const verdicts = await Promise.all(cases.map((testCase) => caseVerdict(testCase, analyzersDir(tools.istioModuleDir))));
    const decidable = verdicts.filter((verdict) => verdict.decidable);
    expect(cases.length).toBeGreaterThanOrEqual(90);
    expect(decidable.filter((verdict) => verdict.agrees).length / decidable.length).toBeGreaterThanOrEqual(parityGoal);
  });

  test("the coverage table names every message the pinned istioctl can raise", () => {
    const codes = [...messageCodes(fs.readFileSync(path.join(tools.istioModuleDir, "pkg/config/analysis/msg/messages.gen.go"), "utf8")).values()];
    expect(codes.filter((code) => !coveredCodes.has(code) && !(code in undecidableCodes))).toEqual([]);
    expect([...coveredCodes, ...Object.keys(undecidableCodes)].filter((code) => !codes.includes(code))).toEqual([]);
  });
});

describe("generated app stacks", () => {
  test("the pack and istioctl's analyzers flag the same (resource, code) pairs, but for the differences kept on purpose", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(meshWorkloads(), async ({ objects }) => {
        const expected = istioctlKeys(objects, path.join(scratch, `stack-${run++}.yaml`)).filter((key) => !(key.slice(0, 7) in keptDifferences));
        const flagged = (await packKeys(objects)).filter((key) => !(key.slice(0, 7) in keptDifferences));
        expect(flagged).toEqual(expected);
      }),
      propertyRuns,
    );
  });

  test("every breakage the generator knows is flagged by both", async () => {
    await fc.assert(
      fc.asyncProperty(meshWorkloads().filter(({ broken }) => broken.length > 0), async ({ objects }) => {
        const flagged = await packKeys(objects);
        expect(flagged.length).toBeGreaterThan(0);
        expect(istioctlKeys(objects, path.join(scratch, "broken.yaml")).length).toBeGreaterThan(0);
      }),
      { numRuns: 20 },
    );
  });
});

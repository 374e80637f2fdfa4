/**
 * Policy-pack scale benchmark: evaluates every policy (prod config) over synthetic, valid, cross-referenced
 * meshes of about 1,000, 10,000 and 20,000 resources with the offline evaluator, and prints the time per size
 * and time(20k)/time(1k). The goal is a ratio of at most 25 (cross-resource checks are indexed, not pairwise).
 * Where the tools can be had (`npm run tools`), it also times `istioctl analyze --use-kube=false` on the same
 * meshes written as YAML (their Kubernetes objects; the Helm releases are Pulumi resources istioctl cannot read):
 * the goal is the pack's time at 20k resources at most istioctl's.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { evaluatePolicies, loadPolicyConfig, OfflineResource } from "../policy-pack/offline";
import { resourcesPerNamespace, syntheticMesh } from "../tests/support/syntheticMesh";
import { ensureTools, ToolsUnavailableError } from "./tools/istioTools";

const sizes = [1_000, 10_000, 20_000];
const controlPlaneResources = 2;

function meshOfSize(size: number) {
  const namespaces = Math.ceil((size - controlPlaneResources) / resourcesPerNamespace);
  return syntheticMesh(Array.from({ length: namespaces }, (_, i) => `app-${i}`));
}

async function timeEvaluation(resources: OfflineResource[], config: Record<string, unknown>): Promise<{ ms: number; violations: number }> {
  const start = process.hrtime.bigint();
  const violations = await evaluatePolicies(resources, config);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, violations: violations.length };
}

/** istioctl's wall time on the mesh's Kubernetes objects, or undefined where it fails to run. */
function timeIstioctl(istioctl: string, resources: OfflineResource[], dir: string): { ms: number; messages: number } | undefined {
  const file = path.join(dir, `mesh-${resources.length}.yaml`);
  const objects = resources.filter((resource) => !resource.type.startsWith("kubernetes:helm.sh/")).map((resource) => resource.props);
  fs.writeFileSync(file, objects.map((object) => stringify(object)).join("---\n"));
  const start = process.hrtime.bigint();
  const result = spawnSync(istioctl, ["analyze", "--use-kube=false", "--all-namespaces", "--output", "json", file], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status === null || (result.status !== 0 && !result.stdout.trim().startsWith("["))) {
    console.log(`istioctl analyze failed (exit ${result.status}): ${result.stderr.trim().split("\n").slice(-3).join(" ")}`);
    return undefined;
  }
  return { ms, messages: (JSON.parse(result.stdout || "[]") as unknown[]).length };
}

function istioctlBinary(): string | undefined {
  try {
    return ensureTools({ projectDir: path.resolve(__dirname, ".."), env: process.env, log: () => undefined }).istioctl;
  } catch (error) {
    if (!(error instanceof ToolsUnavailableError)) throw error;
    console.log(`istioctl timings skipped: ${error.message}`);
    return undefined;
  }
}

async function main(): Promise<void> {
  const config = loadPolicyConfig("prod");
  const istioctl = istioctlBinary();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-policy-"));
  try {
    await timeEvaluation(meshOfSize(100), config); // warm-up: loads the schema models and JIT-compiles the checks
    const results = [];
    for (const size of sizes) {
      const resources = meshOfSize(size);
      const pack = await timeEvaluation(resources, config);
      const analyze = istioctl ? timeIstioctl(istioctl, resources, scratch) : undefined;
      results.push({ resources: resources.length, pack, analyze });
      const istioctlColumn = analyze ? `   istioctl analyze ${analyze.ms.toFixed(0).padStart(7)} ms  ${analyze.messages} messages` : "";
      console.log(`${String(resources.length).padStart(6)} resources  pack ${pack.ms.toFixed(0).padStart(7)} ms  ${pack.violations} violations${istioctlColumn}`);
    }
    console.log(`time(20k)/time(1k) = ${(results[2].pack.ms / results[0].pack.ms).toFixed(1)} (goal <= 25)`);
    const largest = results[2];
    if (largest.analyze) {
      console.log(`pack/istioctl at ${largest.resources} resources = ${(largest.pack.ms / largest.analyze.ms).toFixed(2)} (goal <= 1)`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

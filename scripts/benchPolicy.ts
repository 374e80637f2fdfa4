/**
 * Policy-pack scale benchmark: evaluates every policy (prod config) over synthetic, valid, cross-referenced
 * meshes of about 1,000, 10,000 and 20,000 resources with the offline evaluator, and prints the time per size
 * and time(20k)/time(1k). The goal is a ratio of at most 25 (cross-resource checks are indexed, not pairwise).
 */
import { evaluatePolicies, loadPolicyConfig } from "../policy-pack/offline";
import { resourcesPerNamespace, syntheticMesh } from "../tests/support/syntheticMesh";

const sizes = [1_000, 10_000, 20_000];
const controlPlaneResources = 2;

function meshOfSize(size: number) {
  const namespaces = Math.ceil((size - controlPlaneResources) / resourcesPerNamespace);
  return syntheticMesh(Array.from({ length: namespaces }, (_, i) => `app-${i}`));
}

async function timeEvaluation(size: number, config: Record<string, unknown>): Promise<{ resources: number; ms: number; violations: number }> {
  const resources = meshOfSize(size);
  const start = process.hrtime.bigint();
  const violations = await evaluatePolicies(resources, config);
  return { resources: resources.length, ms: Number(process.hrtime.bigint() - start) / 1e6, violations: violations.length };
}

async function main(): Promise<void> {
  const config = loadPolicyConfig("prod");
  await timeEvaluation(100, config); // warm-up: loads the schema models and JIT-compiles the checks
  const results = [];
  for (const size of sizes) {
    const result = await timeEvaluation(size, config);
    results.push(result);
    console.log(`${String(result.resources).padStart(6)} resources  ${result.ms.toFixed(0).padStart(7)} ms  ${result.violations} violations`);
  }
  console.log(`time(20k)/time(1k) = ${(results[2].ms / results[0].ms).toFixed(1)} (goal <= 25)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

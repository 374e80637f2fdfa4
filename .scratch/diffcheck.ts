import fc from "fast-check";
import { spawnSync } from "child_process";
import * as fs from "fs";
import { stringify } from "yaml";
import { meshWorkloads } from "../tests/arbitraries/meshWorkloads";
import { offlineResources } from "../scripts/parity/caseResources";
import { violationKeys } from "../scripts/parity/caseVerdicts";
import { evaluatePolicies } from "../policy-pack/offline";
(async () => {
  const samples = fc.sample(meshWorkloads(), { numRuns: 3, seed: 42 });
  for (const { objects, broken } of samples) {
    fs.writeFileSync("/tmp/s.yaml", objects.map((o) => stringify(o)).join("---\n"));
    const out = JSON.parse(spawnSync(".tools/bin/offline-analyze", ["/tmp/s.yaml"], { encoding: "utf8" }).stdout) as Array<{ code: string; origin: string }>;
    const { resources, origins } = offlineResources(objects);
    const v = await evaluatePolicies(resources, {});
    console.log("broken:", broken.join(","));
    console.log("  istioctl:", [...new Set(out.map((m) => `${m.code} ${m.origin}`))].sort().join(" | "));
    console.log("  pack:    ", [...new Set(v.flatMap((x) => violationKeys(x, undefined, origins)))].sort().join(" | "));
  }
})();

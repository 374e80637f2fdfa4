/**
 * `npm run parity`: runs the policy pack on istioctl's own analyzer test cases (the `testdata` and expected
 * messages of `pkg/config/analysis/analyzers` in the pinned Istio module, read from Go's module cache) and prints,
 * per case, whether the pack flags exactly the resources istioctl flags, and the share of decidable cases where
 * it does. `--verbose` prints the differing (code, resource) pairs. Exit 0 at 90 % or more, 1 below, 3 where the
 * Istio module cannot be had.
 */
import * as path from "path";
import { analyzersDir, loadAnalyzerCases } from "./parity/analyzerCases";
import { caseVerdict, relativeInputs } from "./parity/caseVerdicts";
import { parityGoal } from "./parityGoal";
import { istioModuleDirectory, ToolsUnavailableError } from "./tools/istioTools";

async function main(): Promise<number> {
  const verbose = process.argv.includes("--verbose");
  const moduleDir = istioModuleDirectory({ projectDir: path.resolve(__dirname, ".."), env: process.env });
  const baseDir = analyzersDir(moduleDir);
  const cases = loadAnalyzerCases(moduleDir);
  let decidable = 0;
  let agreeing = 0;
  for (const testCase of cases) {
    const verdict = await caseVerdict(testCase, baseDir);
    const mark = !verdict.decidable ? "n/a " : verdict.agrees ? "ok  " : "DIFF";
    if (verdict.decidable) decidable++;
    if (verdict.agrees) agreeing++;
    console.log(`${mark} ${testCase.analyzer.padEnd(52)} ${testCase.name} (${relativeInputs(testCase)})`);
    if (verdict.notDecidable) console.log(`       ${verdict.decidable ? "not compared" : "not decidable"}: ${verdict.notDecidable}`);
    if (verbose && verdict.decidable && !verdict.agrees) {
      const flagged = new Set(verdict.flagged);
      const expected = new Set(verdict.expected);
      verdict.expected.filter((key) => !flagged.has(key)).forEach((key) => console.log(`       istioctl only: ${key}`));
      verdict.flagged.filter((key) => !expected.has(key)).forEach((key) => console.log(`       pack only:     ${key}`));
    }
  }
  const share = decidable === 0 ? 0 : agreeing / decidable;
  console.log(`\nparity: the pack flags exactly what istioctl flags in ${agreeing} of ${decidable} decidable cases (${(share * 100).toFixed(1)} %; goal ${parityGoal * 100} %); ${cases.length - decidable} of ${cases.length} cases not decidable before deploy`);
  return share >= parityGoal ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ToolsUnavailableError) {
      console.error(`error: ${error.message}`);
      process.exit(3);
    }
    console.error(error);
    process.exit(1);
  },
);

/**
 * Runs the pack over one istioctl analyzer test case and compares what it flags with what istioctl must flag,
 * as sets of (resource, IST code), on the codes the case's analyzer raises and the pack can decide.
 */
import * as path from "path";
import { evaluatePolicies, OfflineViolation } from "../../policy-pack/offline";
import { policyChecks } from "../../policy-pack/istioctlCoverage";
import type { AnalyzerCase } from "./analyzerCases";
import { caseResources, meshConfigMapOrigin } from "./caseResources";
import { caseDecidability } from "./decidability";

export interface CaseVerdict {
  readonly testCase: AnalyzerCase;
  /** Why the case (or some of its codes) cannot be decided from declared resources. */
  readonly notDecidable?: string;
  readonly decidable: boolean;
  readonly expected: readonly string[];
  readonly flagged: readonly string[];
  readonly agrees: boolean;
}

const istioctlCodeSuffix = /\(istioctl (IST\d{4})\)$/;

/** How istioctl names the mesh config and mesh networks that the `istio` ConfigMap stand-in holds. */
const meshObjectOrigins: Readonly<Record<string, string>> = { IST0126: "MeshNetworks istio-system/meshnetworks" };

/**
 * The `<code> <resource>` key a violation stands for, as istioctl would name it: its policy's code (or the one the
 * message states), and the resource's istioctl name; none for findings stricter than istioctl or of other
 * analyzers (`analyzer` undefined: any).
 */
export function violationKeys(violation: OfflineViolation, analyzer: string | undefined, origins: ReadonlyMap<string, string>): string[] {
  const checks = (policyChecks[violation.policyName] ?? []).filter((check) => analyzer === undefined || check.analyzers.includes(analyzer));
  if (checks.length === 0 || violation.urn === undefined || violation.message.endsWith("(stricter than istioctl)")) return [];
  const stated = istioctlCodeSuffix.exec(violation.message)?.[1];
  const code = stated ?? (checks.length === 1 ? checks[0].code : undefined);
  if (code === undefined || !checks.some((check) => check.code === code)) return [];
  let origin = origins.get(violation.urn) ?? violation.urn;
  if (origin === meshConfigMapOrigin) origin = meshObjectOrigins[code] ?? origin;
  return [`${code} ${origin}`];
}

export async function caseVerdict(testCase: AnalyzerCase, analyzersDir: string): Promise<CaseVerdict> {
  const { notDecidable, excludedCodes, decidable } = caseDecidability(testCase);
  const { resources, origins } = caseResources(analyzersDir, testCase.inputFiles, testCase.meshConfigFile, testCase.meshNetworksFile);
  const keep = (key: string) => !excludedCodes.includes(key.slice(0, 7));
  const expected = [...new Set(testCase.expected.map((message) => `${message.code} ${message.origin}`))].filter(keep).sort();
  const violations = decidable ? await evaluatePolicies(resources, {}) : [];
  const flagged = [...new Set(violations.flatMap((violation) => violationKeys(violation, testCase.analyzer, origins)))].filter(keep).sort();
  return { testCase, notDecidable, decidable, expected, flagged, agrees: decidable && JSON.stringify(expected) === JSON.stringify(flagged) };
}

export function relativeInputs(testCase: AnalyzerCase): string {
  return [...testCase.inputFiles, testCase.meshConfigFile, testCase.meshNetworksFile].filter(Boolean).map((file) => path.basename(file as string)).join(", ");
}

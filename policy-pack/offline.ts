/**
 * Runs the pack's policies outside the Pulumi engine (for the render command and benchmarks), the way the
 * analyzer in @pulumi/policy/server.js does (offlineEvaluator.ts), with a stack's policy config.
 */
import { readFileSync } from "fs";
import * as path from "path";
import type { Policies } from "@pulumi/policy";
import { isRecord } from "./lib/values";
import { evaluatePolicies as evaluatePack } from "./offlineEvaluator";
import { policies } from "./policies";

export { policyPackName, policyPackVersion } from "./packIdentity";

export interface OfflineResource {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
  parent?: string;
  dependencies: string[];
  provider?: { type: string; urn: string; name: string; props: Record<string, unknown> };
  protect?: boolean;
}

export interface OfflineViolation {
  policyName: string;
  enforcementLevel: "advisory" | "mandatory";
  message: string;
  description: string;
  urn?: string;
  resourceName?: string;
  resourceType?: string;
}

/** The names of the pack's policies: what `policy-pack/config/<stack>.json` may configure, besides `all`. */
export const policyNames: readonly string[] = policies.map((policy) => policy.name);

/** Where the policy config of a stack lives (the file passed as `--policy-pack-config`). */
export function policyConfigFile(stack: string): string {
  return path.join(__dirname, "config", `${stack}.json`);
}

/** Reads `policy-pack/config/<stack>.json`. */
export function loadPolicyConfig(stack: string): Record<string, unknown> {
  const file = policyConfigFile(stack);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new Error(`no policy config for stack "${stack}": expected ${file}`);
  }
  const config: unknown = text.trim() === "" ? {} : JSON.parse(text);
  if (!isRecord(config)) {
    throw new Error(`${file} must hold a JSON object of policy name → enforcement level or settings`);
  }
  return config;
}

/**
 * Every violation the analyzer would report for these resources under this `--policy-pack-config`.
 * `pack` defaults to this pack's policies (tests pass their own to exercise the analyzer semantics).
 */
export function evaluatePolicies(resources: OfflineResource[], config: Record<string, unknown>, pack: Policies = policies): Promise<OfflineViolation[]> {
  return evaluatePack(resources, config, pack);
}

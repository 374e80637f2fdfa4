/**
 * Policy pack config as the Pulumi CLI prepares it for the analyzer (`--policy-pack-config`): parse the file
 * format, start from each policy's level and configSchema defaults, apply `all`, apply each policy's entry,
 * then validate every policy's properties against its schema. Mirrors pkg/resource/analyzer/config.go.
 */
import type Ajv from "ajv";
import type { ValidateFunction } from "ajv";
import { EnforcementLevel, Policies, Policy } from "@pulumi/policy";
import { isRecord } from "./lib/values";

export interface ReconciledPolicyConfig {
  readonly enforcementLevel: EnforcementLevel | undefined;
  readonly properties: Record<string, unknown>;
}

const enforcementLevels: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

function parseLevel(value: unknown, key: string): EnforcementLevel {
  if (typeof value !== "string" || !enforcementLevels.includes(value)) {
    throw new Error(`parsing enforcement level for "${key}": ${JSON.stringify(value)} is not a valid enforcement level (${enforcementLevels.join(", ")})`);
  }
  return value as EnforcementLevel;
}

interface ParsedEntry {
  readonly enforcementLevel?: EnforcementLevel;
  readonly properties: Record<string, unknown>;
}

function parseEntries(config: Record<string, unknown>): Map<string, ParsedEntry> {
  const entries = new Map<string, ParsedEntry>();
  for (const [key, value] of Object.entries(config)) {
    if (typeof value === "string") {
      entries.set(key, { enforcementLevel: parseLevel(value, key), properties: {} });
    } else if (isRecord(value)) {
      const { enforcementLevel, ...properties } = value;
      entries.set(key, { enforcementLevel: enforcementLevel === undefined ? undefined : parseLevel(enforcementLevel, key), properties });
    } else {
      throw new Error(`parsing "${key}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
    }
  }
  return entries;
}

// Created with the first schema to compile: a pack without config schemas (a test's one policy) never loads ajv.
let ajv: Ajv | undefined;
const validators = new WeakMap<Policy, ValidateFunction>();

/** The JSON Schema the CLI checks a policy's config properties against: an object with the policy's properties. */
export function configJsonSchema({ properties, required }: NonNullable<Policy["configSchema"]>): Record<string, unknown> {
  return { type: "object", properties, ...(required?.length ? { required } : {}) };
}

/** The policy's config schema as the CLI checks it, compiled once. */
function schemaValidator(policy: Policy): ValidateFunction | undefined {
  if (!policy.configSchema) {
    return undefined;
  }
  let validate = validators.get(policy);
  if (!validate) {
    // Not checked against the meta-schema here: tests/policies/pack.test.ts holds every schema of the pack valid.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ajv ??= new (require("ajv") as typeof import("ajv")).default({ allErrors: true, strict: false, meta: false, validateSchema: false });
    validate = ajv.compile(configJsonSchema(policy.configSchema));
    validators.set(policy, validate);
  }
  return validate;
}

/** The config each policy receives, keyed by policy name; throws with every schema error, like the CLI. */
export function reconcilePolicyConfig(policies: Policies, config: Record<string, unknown>): Map<string, ReconciledPolicyConfig> {
  const entries = parseEntries(config);
  const allLevel = entries.get("all")?.enforcementLevel;
  const result = new Map<string, ReconciledPolicyConfig>();
  for (const policy of policies) {
    const defaults: Record<string, unknown> = {};
    for (const [property, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      if (isRecord(schema) && "default" in schema) {
        defaults[property] = schema.default;
      }
    }
    const entry = entries.get(policy.name);
    result.set(policy.name, {
      enforcementLevel: entry?.enforcementLevel ?? allLevel ?? policy.enforcementLevel,
      properties: { ...defaults, ...entry?.properties },
    });
  }
  const errors: string[] = [];
  for (const policy of policies) {
    const validate = schemaValidator(policy);
    if (validate && !validate(result.get(policy.name)?.properties)) {
      for (const error of validate.errors ?? []) {
        errors.push(`${policy.name}: ${error.instancePath.replace(/^\//, "") || "(root)"} ${error.message ?? "is invalid"}`);
      }
    }
  }
  if (errors.length > 0) {
    throw new Error(`policy pack configuration is invalid:\n  ${errors.join("\n  ")}`);
  }
  return result;
}

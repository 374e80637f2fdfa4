import { ConfigFileError, displayPath, readYamlFile } from "./configFile";
import type { StackConfig } from "./stackConfig";

/** A patch file the render cannot use: a usage problem, reported before anything is rendered. */
export class ConfigPatchError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** RFC 7386 JSON Merge Patch: objects merge key by key, `null` removes a key, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const merged: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    // Defined, not assigned: a key such as `__proto__` stays a key.
    else Object.defineProperty(merged, key, { value: mergePatch(Object.hasOwn(merged, key) ? merged[key] : undefined, value), enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function qualify(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

/**
 * The stack's config with a patch file applied: a YAML document `config:` shaped like a stack file, merged into
 * it key by key (a step of a procedure, such as the canary upgrade's, is such a patch of Pulumi.prod.yaml).
 */
export function applyConfigPatch(stackConfig: StackConfig, patchFile: string): StackConfig {
  let document: unknown;
  try {
    document = readYamlFile(patchFile);
  } catch (error) {
    throw error instanceof ConfigFileError ? new ConfigPatchError(`config patch ${error.message}`) : error;
  }
  const file = displayPath(patchFile);
  const patch = isObject(document) ? document.config : undefined;
  if (!isObject(patch)) throw new ConfigPatchError(`config patch ${file}: expected a YAML document with a \`config:\` map, like a stack file`);
  const config: Record<string, string> = { ...stackConfig.config };
  for (const [key, value] of Object.entries(patch)) {
    const fullKey = qualify(stackConfig.project, key);
    if (stackConfig.secretKeys.includes(fullKey) || (isObject(value) && "secure" in value)) {
      throw new ConfigPatchError(`config patch ${file}: ${fullKey} is secret config; set it with pulumi config set --secret, not in a patch`);
    }
    if (value === null) {
      delete config[fullKey];
      continue;
    }
    const merged = mergePatch(fullKey in config ? parseText(config[fullKey]) : undefined, value);
    config[fullKey] = typeof merged === "string" ? merged : JSON.stringify(merged);
  }
  return { ...stackConfig, config };
}

// The errors module alone: the SDK's index loads its whole runtime, which settings that only validate do not need.
import { RunError } from "@pulumi/pulumi/errors";
import type { z } from "zod";
import { nearest } from "./nearest";

type SchemaDefinition = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType };

/** The keys an object schema allows at a config path, for the message about a key it does not know. */
export function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = schema;
  const remaining = [...path];
  while (node !== undefined) {
    const definition: SchemaDefinition = (node as unknown as { _zod: { def: SchemaDefinition } })._zod.def;
    if (definition.type === "optional" || definition.type === "default") node = definition.innerType;
    else if (definition.type === "array" && typeof remaining[0] === "number") {
      remaining.shift();
      node = definition.element;
    } else if (definition.type === "object" && definition.shape) {
      if (remaining.length === 0) return Object.keys(definition.shape);
      node = definition.shape[String(remaining.shift())];
    } else return [];
  }
  return [];
}

/**
 * A stack config error: each line names the full config key, the value found and what is allowed. A RunError, so
 * that `pulumi up` and `pulumi preview` print the lines without a stack trace.
 */
export class SettingsError extends RunError {
  constructor(
    readonly stackName: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid stack config for stack "${stackName}":\n  ${problems.join("\n  ")}`);
    this.name = "SettingsError";
  }
}

/** Formats a config key path the way users write it in `pulumi config set --path`: `istio.ingressGateway.minReplicas`. */
export function keyPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === "number") return `${text}[${segment}]`;
    return text === "" ? String(segment) : `${text}.${String(segment)}`;
  }, "");
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** One line per zod issue: `istio.istiod.autoscaleMin: expected an integer >= 1, got "two"`. */
export function describeIssues(schema: z.ZodType, root: unknown, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys(schema, issue.path);
      return issue.keys.map((key) => {
        const meant = nearest(key, known, 2);
        const suggestion = meant === undefined ? "" : ` (did you mean ${keyPath([...issue.path, meant])}?)`;
        return `${keyPath([...issue.path, key])}: expected one of the known keys (${known.join(", ")})${suggestion}: an unknown key would be ignored, so it is an error, got ${describeValue(valueAt(root, [...issue.path, key]))}`;
      });
    }
    return [`${keyPath(issue.path)}: ${issue.message}, got ${describeValue(valueAt(root, issue.path))}`];
  });
}

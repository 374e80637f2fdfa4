/**
 * The OpenAPI schemas and CEL rules of Istio's CRDs, as `npm run generate` extracted them from the pinned Istio
 * module (policy-pack/generated/istioCrds.json, which names its source).
 */
import { readFileSync } from "fs";
import * as path from "path";

export type Schema = Record<string, unknown>;

interface CrdData {
  readonly source: string;
  readonly kinds: Record<string, Record<string, { schema: number; served: boolean; storage: boolean }>>;
  readonly schemas: Schema[];
}

let data: CrdData | undefined;

function crdData(): CrdData {
  data ??= JSON.parse(readFileSync(path.join(__dirname, "..", "generated", "istioCrds.json"), "utf8")) as CrdData;
  return data;
}

/** Where the schemas come from: `istio.io/istio <version> manifests/charts/base/files/crd-all.gen.yaml`. */
export function crdSource(): string {
  return crdData().source;
}

/** The schema of a kind at a version (the storage version when the version is unknown), or undefined. */
export function crdSchema(group: string, kind: string, version?: string): { version: string; schema: Schema } | undefined {
  const versions = crdData().kinds[`${group}/${kind}`];
  if (versions === undefined) return undefined;
  const chosen = (version !== undefined && versions[version] ? version : undefined) ?? Object.keys(versions).find((name) => versions[name].storage) ?? Object.keys(versions)[0];
  return { version: chosen, schema: crdData().schemas[versions[chosen].schema] };
}

/** Every served version of every kind, with its schema. */
export function crdVersions(): Array<{ group: string; kind: string; version: string; storage: boolean; schema: Schema }> {
  return Object.entries(crdData().kinds).flatMap(([key, versions]) => {
    const [group, kind] = key.split("/");
    return Object.entries(versions)
      .filter(([, entry]) => entry.served)
      .map(([version, entry]) => ({ group, kind, version, storage: entry.storage, schema: crdData().schemas[entry.schema] }));
  });
}

export interface CelRule {
  /** Field path in the schema: `spec.servers[].port.number`, `spec.selector.matchLabels` (`[]` for items, `.*` for map values). */
  readonly path: string;
  readonly rule: string;
  readonly message?: string;
  /** The schema node the rule sits on. */
  readonly schema: Schema;
}

/** Every `x-kubernetes-validations` rule of a schema, with where it sits. */
export function celRulesOf(schema: Schema): CelRule[] {
  const rules: CelRule[] = [];
  const walk = (node: Schema, at: string) => {
    for (const entry of (node["x-kubernetes-validations"] as Array<{ rule: string; message?: string }> | undefined) ?? []) {
      rules.push({ path: at, rule: entry.rule, message: entry.message, schema: node });
    }
    for (const [key, child] of Object.entries((node.properties as Record<string, Schema> | undefined) ?? {})) walk(child, at === "" ? key : `${at}.${key}`);
    if (node.items && typeof node.items === "object") walk(node.items as Schema, `${at}[]`);
    if (node.additionalProperties && typeof node.additionalProperties === "object") walk(node.additionalProperties as Schema, `${at}.*`);
  };
  walk(schema, "");
  return rules;
}

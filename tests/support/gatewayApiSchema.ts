/**
 * Gateway API objects checked the way an API server with the reference CRDs checks them: the schemas and CEL rules of
 * `../shared/reference/gateway-api-crds-v1.5.1-experimental.yaml` (the CRDs Istio 1.30.3 tests with), through the same
 * structural validator as the pack, and against the standard channel the pack carries (no experimental field).
 * Where ../shared/reference is absent (a fresh clone), `referenceAvailable` is false and callers say so and skip.
 */
import * as fs from "fs";
import * as path from "path";
import { gatewayApiSchemaProblems } from "../../policy-pack/lib/gatewayApiSchema";
import { type SchemaNode, structuralProblems } from "../../policy-pack/lib/structuralSchema";
import { yamlDocuments } from "./referenceYaml";

export const gatewayApiReferenceFile = path.resolve(__dirname, "../../../shared/reference/gateway-api-crds-v1.5.1-experimental.yaml");
export const referenceAvailable = fs.existsSync(gatewayApiReferenceFile);

interface Crd {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly annotations?: Record<string, string> };
  readonly spec: { readonly group: string; readonly names: { readonly kind: string }; readonly versions: { readonly name: string; readonly served: boolean; readonly schema: { readonly openAPIV3Schema: SchemaNode } }[] };
}

let referenceCrds: Crd[] | undefined;

/** The reference file's CustomResourceDefinitions. */
export function referenceGatewayApiCrds(): Crd[] {
  referenceCrds ??= (yamlDocuments(gatewayApiReferenceFile) as (Crd | null)[]).filter((object): object is Crd => object?.kind === "CustomResourceDefinition");
  return referenceCrds;
}

/** `<group>/<version>/<Kind>` → the reference's schema for that served version. */
export function referenceSchemas(): Map<string, SchemaNode> {
  return new Map(referenceGatewayApiCrds().flatMap((crd) => crd.spec.versions.filter((version) => version.served).map((version) => [`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, version.schema.openAPIV3Schema] as const)));
}

let schemas: Map<string, SchemaNode> | undefined;

/** `<field path>: <problem>` for every way an object fails the v1.5.1 reference CRDs or uses a field or kind outside the standard channel. */
export function gatewayApiObjectProblems(object: Record<string, unknown>): string[] {
  schemas ??= referenceSchemas();
  const schema = schemas.get(`${String(object.apiVersion)}/${String(object.kind)}`);
  const reference = schema === undefined ? [`${String(object.apiVersion)}/${String(object.kind)}: no such kind in the reference CRDs`] : structuralProblems(object, schema).map(({ path, problem }) => `${path}: ${problem}`);
  const standard = gatewayApiSchemaProblems(object).map(({ path, problem }) => `standard channel: ${path}: ${problem}`);
  return [...reference, ...standard];
}

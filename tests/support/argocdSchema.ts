/**
 * Argo CD objects checked the way an API server with Argo CD v3.4.4's CRDs checks them
 * (`../shared/reference/argocd-crds-v3.4.4.yaml`: Application, ApplicationSet, AppProject; OpenAPI schemas, no CEL
 * rules), through the pack's structural validator. Where ../shared/reference is absent (a fresh clone),
 * `argocdReferenceAvailable` is false and callers say so and skip.
 */
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { type SchemaNode, structuralProblems } from "../../policy-pack/lib/structuralSchema";

export const argocdReferenceFile = path.resolve(__dirname, "../../../shared/reference/argocd-crds-v3.4.4.yaml");
export const argocdReferenceAvailable = fs.existsSync(argocdReferenceFile);

interface Crd {
  readonly kind: string;
  readonly spec: { readonly group: string; readonly names: { readonly kind: string }; readonly versions: { readonly name: string; readonly served: boolean; readonly schema: { readonly openAPIV3Schema: SchemaNode } }[] };
}

let schemas: Map<string, SchemaNode> | undefined;

/** `<group>/<version>/<Kind>` → the reference's schema. */
export function argocdSchemas(): Map<string, SchemaNode> {
  schemas ??= new Map(
    parseAllDocuments(fs.readFileSync(argocdReferenceFile, "utf8"))
      .map((document) => document.toJS() as Crd | null)
      .filter((object): object is Crd => object?.kind === "CustomResourceDefinition")
      .flatMap((crd) => crd.spec.versions.filter((version) => version.served).map((version) => [`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, version.schema.openAPIV3Schema] as const)),
  );
  return schemas;
}

/** `<field path>: <problem>` for every way the object fails the reference CRDs. */
export function argocdObjectProblems(object: Record<string, unknown>): string[] {
  const schema = argocdSchemas().get(`${String(object.apiVersion)}/${String(object.kind)}`);
  if (schema === undefined) return [`${String(object.apiVersion)}/${String(object.kind)}: no such kind in the reference CRDs`];
  return structuralProblems(object, schema).map(({ path: field, problem }) => `${field}: ${problem}`);
}

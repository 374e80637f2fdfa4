/**
 * Extracts, from the pinned Istio modules in Go's module cache, the data the policy pack ships so it runs without
 * Go or ../shared: the OpenAPI schemas and CEL rules (`x-kubernetes-validations`) of Istio's CRDs
 * (istio.io/istio `manifests/charts/base/files/crd-all.gen.yaml`, descriptions left out) and Istio's annotation
 * table (istio.io/api `annotation/annotations.yaml`: name, resources, deprecation). Both files name their source.
 */
import * as fs from "fs";
import * as path from "path";
import { parse, parseAllDocuments } from "yaml";

export interface GeneratedFile {
  readonly file: string;
  readonly content: string;
}

type Schema = Record<string, unknown>;

/** The schema without `description` texts (kept: types, enums, formats, required fields, rules). */
export function withoutDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Schema)
      .filter(([key, child]) => !(key === "description" && typeof child === "string"))
      .map(([key, child]) => [key, withoutDescriptions(child)]),
  );
}

interface Crd {
  kind?: string;
  spec?: { group: string; names: { kind: string }; versions: Array<{ name: string; served: boolean; storage: boolean; schema: { openAPIV3Schema: Schema } }> };
}

/** `{source, kinds: {<group>/<Kind>: {<version>: {schema, served, storage}}}, schemas: [...]}`, identical schemas stored once. */
export function crdData(crdYaml: string, source: string): string {
  const schemas: string[] = [];
  const kinds: Record<string, Record<string, { schema: number; served: boolean; storage: boolean }>> = {};
  for (const document of parseAllDocuments(crdYaml)) {
    const crd = document.toJSON() as Crd | null;
    if (crd?.kind !== "CustomResourceDefinition" || !crd.spec) continue;
    const key = `${crd.spec.group}/${crd.spec.names.kind}`;
    kinds[key] = {};
    for (const version of crd.spec.versions) {
      const text = JSON.stringify(withoutDescriptions(version.schema.openAPIV3Schema));
      let index = schemas.indexOf(text);
      if (index < 0) index = schemas.push(text) - 1;
      kinds[key][version.name] = { schema: index, served: version.served, storage: version.storage };
    }
  }
  return `${JSON.stringify({ source, kinds, schemas: schemas.map((text) => JSON.parse(text) as Schema) }, null, 1)}\n`;
}

interface AnnotationEntry {
  name: string;
  deprecated?: boolean;
  resources?: string[];
  featureStatus?: string;
}

export function annotationData(annotationsYaml: string, source: string): string {
  const entries = ((parse(annotationsYaml) as { annotations: AnnotationEntry[] }).annotations ?? []).map((entry) => ({
    name: entry.name,
    deprecated: entry.deprecated === true,
    resources: entry.resources ?? [],
    featureStatus: entry.featureStatus ?? "",
  }));
  return `${JSON.stringify({ source, annotations: entries }, null, 1)}\n`;
}

/** The generated files, from the istio.io/istio and istio.io/api module directories. */
export function generatedFiles(projectDir: string, istio: { dir: string; version: string }, api: { dir: string; version: string }): GeneratedFile[] {
  const out = path.join(projectDir, "policy-pack", "generated");
  const crdPath = "manifests/charts/base/files/crd-all.gen.yaml";
  const annotationsPath = "annotation/annotations.yaml";
  return [
    { file: path.join(out, "istioCrds.json"), content: crdData(fs.readFileSync(path.join(istio.dir, crdPath), "utf8"), `istio.io/istio ${istio.version} ${crdPath}`) },
    { file: path.join(out, "istioAnnotations.json"), content: annotationData(fs.readFileSync(path.join(api.dir, annotationsPath), "utf8"), `istio.io/api ${api.version} ${annotationsPath}`) },
  ];
}

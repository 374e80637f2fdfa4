/**
 * The @kubernetes-models/istio classes (OpenAPI validation generated from Istio's CRDs). The package is
 * ESM-only, so it is loaded with a real dynamic import (kept as such under `"module": "node16"`) and cached.
 */
import { IstioKind, istioKinds } from "./meshResource";

interface ModelInstance {
  validate(): void;
}
type ModelClass = new (data: unknown) => ModelInstance;

export interface SchemaError {
  readonly path: string;
  /** The value at that path (undefined when the field is missing). */
  readonly value: unknown;
  /** What the schema requires there, e.g. `must be integer`. */
  readonly problems: string[];
}

interface AjvError {
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: { allowedValues?: unknown[]; missingProperty?: string };
}

const modelCache = new Map<string, Promise<ModelClass>>();

function loadModel(kind: IstioKind, version: string): Promise<ModelClass> {
  const key = `${istioKinds[kind].group}/${version}/${kind}`;
  let model = modelCache.get(key);
  if (!model) {
    model = import(`@kubernetes-models/istio/${key}`).then((module: Record<string, ModelClass>) => module[kind]);
    modelCache.set(key, model);
  }
  return model;
}

/** `/spec/http/0/route` → `spec.http[0].route` */
function toFieldPath(segments: string[]): string {
  return segments.map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`)).join("") || "(resource)";
}

function describeProblem(error: AjvError): string {
  const allowed = error.params?.allowedValues;
  return allowed ? `one of ${allowed.join(", ")}` : (error.message ?? "is invalid");
}

/** Schema errors of a resource against the newest served version of its kind, one entry per field. */
export async function schemaErrors(kind: IstioKind, props: Record<string, unknown>): Promise<SchemaError[]> {
  const Model = await loadModel(kind, istioKinds[kind].versions[0]);
  const { apiVersion: _ignoredVersion, kind: _ignoredKind, ...rest } = props;
  // Copy every value out of the engine's unknown-checking proxy first, outside the try: a value unknown during
  // preview then throws the engine's UnknownValueError (an advisory "can't run during preview") instead of
  // being caught below and reported as a mandatory schema error.
  const body = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
  try {
    new Model(body).validate();
    return [];
  } catch (error) {
    const details = (error as { errors?: AjvError[] }).errors;
    if (!Array.isArray(details)) {
      return [{ path: "(resource)", value: undefined, problems: [String((error as Error).message ?? error)] }];
    }
    const byPath = new Map<string, SchemaError>();
    for (const detail of details) {
      const segments = (detail.instancePath ?? "").split("/").filter(Boolean);
      const missing = detail.params?.missingProperty;
      const fieldSegments = missing ? [...segments, missing] : segments;
      const path = toFieldPath(fieldSegments);
      const entry = byPath.get(path) ?? { path, value: valueAt(body, fieldSegments), problems: [] };
      entry.problems.push(missing ? "is required" : describeProblem(detail));
      byPath.set(path, entry);
    }
    return [...byPath.values()];
  }
}

function valueAt(body: unknown, segments: string[]): unknown {
  return segments.reduce<unknown>((value, key) => (value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), body);
}

/**
 * Property 22: every Istio resource the program emits is valid against Istio 1.30.4's CRDs. The OpenAPI part
 * comes from @kubernetes-models/istio (ESM-only, loaded once by `loadIstioSchemas`); the CEL rules
 * (`x-kubernetes-validations`) it does not check are checked here: durations of at least 1ms, ports 1–65535,
 * no wildcards in selectors, one JWT key source, one TLS credential source, ServiceEntry hosts and ports. With
 * the reference CRDs at hand it also reports fields the API server would prune (typos, fields of other versions).
 */

import * as fs from "fs";
import * as path from "path";
import { istioKinds } from "../../components/mesh/specs/common";
import { yamlDocuments } from "./referenceYaml";

type Json = Record<string, unknown>;
interface Model {
  validate(): void;
}
type ModelClass = new (data: unknown) => Model;

/**
 * `<apiVersion>/<kind>` → model module path under @kubernetes-models/istio, for each kind the program emits
 * (a wrong apiVersion in istioKinds has no model to load and fails here).
 */
const modelPaths: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(istioKinds).map(([kind, apiVersion]) => [`${apiVersion}/${kind}`, `${apiVersion}/${kind}`]),
);
const models = new Map<string, ModelClass>();
const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The CRDs of the pinned release; where ../shared/reference is absent (a fresh clone) the pruning check is skipped. */
/** 1.30.3's CRD file: byte-identical to 1.30.4's (tests/components/istio/istioModuleCharts.test.ts). */
export const istioCrdFile = path.resolve(__dirname, "../../../shared/reference/istio-crds-1.30.3.yaml");
/** `<apiVersion>/<kind>` → the version's openAPIV3Schema, for the check that no field would be pruned. */
const crdSchemas = new Map<string, Json>();

function loadCrdSchemas(): void {
  if (crdSchemas.size > 0 || !fs.existsSync(istioCrdFile)) return;
  for (const document of yamlDocuments(istioCrdFile)) {
    const crd = document as { spec?: { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: Json } }[] } } | null;
    for (const version of crd?.spec?.versions ?? []) crdSchemas.set(`${crd?.spec?.group}/${version.name}/${crd?.spec?.names.kind}`, version.schema.openAPIV3Schema);
  }
}

/** Fields the API server would silently prune: keys a structural schema does not declare. */
function prunedFields(value: unknown, schema: Json | undefined, at: string, problems: string[]): void {
  if (schema === undefined || schema["x-kubernetes-preserve-unknown-fields"] === true) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => prunedFields(item, schema.items as Json | undefined, `${at}[${i}]`, problems));
    return;
  }
  if (!isRecord(value)) return;
  const properties = schema.properties as Record<string, Json> | undefined;
  const additional = schema.additionalProperties as Json | undefined;
  for (const [key, child] of Object.entries(value)) {
    const childSchema = properties?.[key] ?? additional;
    if (childSchema === undefined && properties !== undefined) problems.push(`${at}.${key}: unknown field (the API server would prune it)`);
    else prunedFields(child, childSchema, `${at}.${key}`, problems);
  }
}

/** Loads the models once (call in `beforeAll`); `validateIstioObject` is synchronous afterwards. */
export async function loadIstioSchemas(): Promise<void> {
  loadCrdSchemas();
  for (const [key, path] of Object.entries(modelPaths)) {
    if (models.has(key)) continue;
    const module = (await import(`@kubernetes-models/istio/${path}`)) as Record<string, ModelClass>;
    models.set(key, module[key.split("/").pop() as string]);
  }
}

/** Go's time.ParseDuration syntax, as CEL's duration() accepts it. */
const goDuration = /^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/;
const goUnits: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1e3, m: 6e4, h: 3.6e6 };
export function goDurationMs(text: string): number | undefined {
  if (!goDuration.test(text)) return undefined;
  return [...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)].reduce((sum, [, amount, unit]) => sum + Number(amount) * goUnits[unit], 0);
}

const durationKeys = new Set(["timeout", "perTryTimeout", "interval", "baseEjectionTime", "fixedDelay", "maxAge", "connectTimeout", "idleTimeout", "fill_interval"]);

function walk(value: unknown, path: string, visit: (key: string, child: unknown, path: string) => void): void {
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`, visit));
  else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      visit(key, child, `${path}.${key}`);
      walk(child, `${path}.${key}`, visit);
    }
  }
}

function celProblems(kind: string, spec: Json): string[] {
  const problems: string[] = [];
  walk(spec, "spec", (key, child, path) => {
    if (durationKeys.has(key) && typeof child === "string" && !((goDurationMs(child) ?? 0) >= 1)) problems.push(`${path}: expected a duration of at least 1ms, got ${child}`);
    if ((key === "number" || key === "port" || key === "targetPort") && typeof child === "number" && !(Number.isInteger(child) && child > 0 && child <= 65535)) {
      problems.push(`${path}: expected a port 1-65535, got ${child}`);
    }
    if ((key === "matchLabels" || (key === "labels" && path.includes("workloadSelector"))) && isRecord(child)) {
      for (const [label, labelValue] of Object.entries(child)) {
        if (label === "" || label.includes("*") || String(labelValue).includes("*")) problems.push(`${path}: expected no wildcard or empty key in a selector, got ${label}=${String(labelValue)}`);
      }
    }
    if (key === "tls" && isRecord(child) && ["credentialName", "credentialNames", "tlsCertificates"].filter((field) => field in child).length > 1) {
      problems.push(`${path}: expected only one of credentialName, credentialNames, tlsCertificates`);
    }
  });
  if (kind === "RequestAuthentication") {
    ((spec.jwtRules as Json[] | undefined) ?? []).forEach((rule, i) => {
      if (["jwksUri", "jwks_uri", "jwks"].filter((field) => field in rule).length !== 1) problems.push(`spec.jwtRules[${i}]: expected exactly one of jwksUri or jwks`);
      if (typeof rule.jwksUri === "string" && !/^https?:\/\//.test(rule.jwksUri)) problems.push(`spec.jwtRules[${i}].jwksUri: expected an http(s) URL`);
      if (typeof rule.issuer === "string" && rule.issuer.includes("*")) problems.push(`spec.jwtRules[${i}].issuer: expected no wildcard`);
    });
  }
  if (kind === "ServiceEntry") {
    const hosts = (spec.hosts as string[] | undefined) ?? [];
    if (hosts.includes("*")) problems.push("spec.hosts: expected no bare * host");
    if (spec.resolution === "DNS" && hosts.some((host) => host.includes("*"))) problems.push("spec.resolution: expected NONE with wildcard hosts, got DNS");
    const numbers = ((spec.ports as Json[] | undefined) ?? []).map((port) => port.number);
    if (new Set(numbers).size !== numbers.length) problems.push(`spec.ports: expected unique port numbers, got ${numbers.join(", ")}`);
  }
  return problems;
}

/**
 * Every problem of an emitted Istio object ({apiVersion, kind, metadata, spec}): explicit name and namespace, a
 * known v1 (EnvoyFilter: v1alpha3) kind, the CRD's OpenAPI schema and its CEL rules. Empty when valid.
 */
export function validateIstioObject(object: Json): string[] {
  const key = `${String(object.apiVersion)}/${String(object.kind)}`;
  const Model = models.get(key);
  if (Model === undefined) {
    return modelPaths[key] === undefined ? [`${key}: not an Istio v1 kind this program emits`] : [`${key}: call loadIstioSchemas() first`];
  }
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const problems: string[] = [];
  if (typeof metadata.name !== "string" || metadata.name === "") problems.push("metadata.name: expected an explicit name");
  if (typeof metadata.namespace !== "string" || metadata.namespace === "") problems.push("metadata.namespace: expected an explicit namespace");
  try {
    new Model(object).validate();
  } catch (error) {
    const details = (error as { errors?: { instancePath?: string; message?: string }[] }).errors;
    problems.push(...(details ?? [{ message: String(error) }]).map((detail) => `schema ${detail.instancePath ?? ""}: ${detail.message ?? "invalid"}`));
  }
  const crdSchema = crdSchemas.get(key);
  prunedFields(object.spec, (crdSchema?.properties as Record<string, Json> | undefined)?.spec, "spec", problems);
  return [...problems, ...celProblems(String(object.kind), isRecord(object.spec) ? object.spec : {})];
}

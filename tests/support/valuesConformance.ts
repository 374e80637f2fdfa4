import Ajv from "ajv";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { istioVersion } from "../../components/names";

/**
 * The values-key rule of ../shared/reference/README.md: a values key the program sets passes when its path is
 * in the chart's values.yaml (Istio: under `_internal_defaults_do_not_set`), the chart's values.schema.json
 * accepts the whole object, values.yaml shows it as a commented-out example, or it sits below a map the chart
 * passes through unchanged (an empty `{}`/null default, or a path the caller names).
 */

export const referenceChartsDir = path.resolve(__dirname, "../../../shared/reference/charts");

/**
 * The reference version whose files stand for a pinned version: Istio 1.30.4's charts are byte-identical to the
 * 1.30.3 reference (tests/components/istio/istioModuleCharts.test.ts checks it against the module), so they read 1.30.3's.
 */
export function referenceVersion(version: string): string {
  return version === istioVersion ? istioReferenceVersion : version;
}

/** The Istio release ../shared/reference holds. */
export const istioReferenceVersion = "1.30.3";

export function hasReferenceCharts(): boolean {
  return fs.existsSync(referenceChartsDir);
}

type Tree = Record<string, unknown>;

const isMap = (value: unknown): value is Tree => value !== null && typeof value === "object" && !Array.isArray(value);

interface ChartReference {
  readonly defaults: Tree;
  readonly lines: readonly string[];
  readonly schema?: object;
}

const cache = new Map<string, ChartReference>();

function chartReference(chartFolder: string): ChartReference {
  const cached = cache.get(chartFolder);
  if (cached) return cached;
  const dir = path.join(referenceChartsDir, chartFolder);
  const text = fs.readFileSync(path.join(dir, "values.yaml"), "utf8");
  const parsed = (parse(text) ?? {}) as Tree;
  const internal = parsed._internal_defaults_do_not_set;
  const defaults = isMap(internal) ? { ...parsed, ...internal } : parsed;
  const schemaFile = path.join(dir, "values.schema.json");
  const reference = {
    defaults,
    lines: text.split("\n"),
    schema: fs.existsSync(schemaFile) ? (JSON.parse(fs.readFileSync(schemaFile, "utf8")) as object) : undefined,
  };
  cache.set(chartFolder, reference);
  return reference;
}

/** Every leaf path of the values (arrays are leaves: their items follow the chart's own list format). */
export function leafPaths(values: Tree, prefix: string[] = []): string[][] {
  return Object.entries(values).flatMap(([key, value]) =>
    isMap(value) && Object.keys(value).length > 0 ? leafPaths(value, [...prefix, key]) : [[...prefix, key]],
  );
}

function indentation(line: string): number {
  return line.length - line.trimStart().length;
}

/** Line range of a key's block in values.yaml, following the path through the indentation. */
function blockOf(lines: readonly string[], keyPath: readonly string[]): { start: number; end: number; indent: number } | undefined {
  let start = 0;
  let end = lines.length;
  let indent = -1;
  for (const key of keyPath) {
    const pattern = new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:`);
    const found = lines.slice(start, end).findIndex((line) => pattern.test(line) && indentation(line) > indent);
    if (found < 0) return undefined;
    start += found;
    indent = indentation(lines[start]);
    let next = start + 1;
    while (next < end && (lines[next].trim() === "" || lines[next].trimStart().startsWith("#") || indentation(lines[next]) > indent)) next++;
    end = next;
    start += 1;
  }
  return { start, end, indent };
}

function isCommentedExample(reference: ChartReference, parent: readonly string[], key: string): boolean {
  const block = parent.length === 0 ? { start: 0, end: reference.lines.length } : blockOf(reference.lines, parent);
  if (!block) return false;
  const commented = new RegExp(`^\\s*#\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:`);
  return reference.lines.slice(block.start, block.end).some((line) => commented.test(line));
}

/** Maps charts pass through unchanged wherever they appear (rule 4). */
const passThroughMaps = ["resources", "affinity", "tolerations", "nodeSelector", "topologySpreadConstraints", "labels", "annotations", "podAnnotations", "podLabels"];

function underPassThrough(keyPath: readonly string[], passThrough: readonly string[]): boolean {
  return keyPath.slice(0, -1).some((name, index) => passThroughMaps.includes(name) || passThrough.includes(keyPath.slice(0, index + 1).join(".")));
}

function keyPasses(reference: ChartReference, keyPath: readonly string[], passThrough: readonly string[]): boolean {
  if (underPassThrough(keyPath, passThrough)) return true;
  let node: unknown = reference.defaults;
  for (let depth = 0; depth < keyPath.length; depth++) {
    if (depth > 0 && (node === null || (isMap(node) && Object.keys(node).length === 0))) return true;
    if (!isMap(node)) return false;
    const key = keyPath[depth];
    if (!(key in node)) return isCommentedExample(reference, keyPath.slice(0, depth), key);
    node = node[key];
  }
  return true;
}

/** Keys of `values` that break the rule, as dotted paths; empty when all pass. */
export function valuesKeyViolations(chartFolder: string, values: Tree, passThrough: readonly string[] = []): string[] {
  const reference = chartReference(chartFolder);
  return leafPaths(values)
    .filter((keyPath) => !keyPasses(reference, keyPath, passThrough))
    .map((keyPath) => keyPath.join("."));
}

/** What the chart's values.schema.json (as Helm applies it at install) says of the values; empty when accepted or absent. */
export function schemaViolations(chartFolder: string, values: Tree): string[] {
  const { schema } = chartReference(chartFolder);
  if (!schema) return [];
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  const validate = ajv.compile(schema);
  return validate(values) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`);
}

import * as fs from "fs";
import * as path from "path";
import { certManagerModuleDir, istioModuleDir } from "./goModules";

/**
 * What the alerts' metrics are checked against: Istio's own use of its standard metrics (its Grafana dashboards and
 * its telemetry integration tests), the Envoy stat names and tags Istio's proxy bootstrap produces and admits, and
 * the labels Istio's sample Prometheus attaches to every scraped pod, all read from the istio.io/istio module; and
 * the certificate metrics of cert-manager's controller, from its module.
 */

const promqlKeywords = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "or", "and", "unless", "bool", "offset"]);

/** The label lists of aggregations and vector matching: `by (…)`, `without (…)`, `on (…)`, `ignoring (…)`, `group_left (…)`. */
const labelLists = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g;

/** Metric names and label names a PromQL expression uses (selectors' matchers and label lists). */
export function promqlNames(expr: string): { metrics: Set<string>; labels: Set<string> } {
  const unquoted = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\[[^\]]*\]/g, "");
  const labels = new Set<string>();
  for (const [, matchers] of unquoted.matchAll(/\{([^}]*)\}/g)) for (const [, label] of matchers.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)) labels.add(label);
  for (const [, list] of unquoted.matchAll(labelLists)) for (const label of list.split(",").map((name) => name.trim()).filter(Boolean)) labels.add(label);
  const bare = unquoted.replace(/\{[^}]*\}/g, " ").replace(labelLists, " ");
  const metrics = new Set([...bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)].filter(([, name, call]) => !call && !promqlKeywords.has(name)).map(([, name]) => name));
  return { metrics, labels };
}

/** The matchers of each selector of `metric` in an expression (values as the PromQL strings hold them). */
export function selectorMatchers(expr: string, metric: string): { label: string; operator: string; value: string }[][] {
  const selectors = [...expr.matchAll(new RegExp(`\\b${metric}\\{([^}]*)\\}`, "g"))].map(([, body]) => body);
  return selectors.map((body) => [...body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g)].map(([, label, operator, value]) => ({ label, operator, value })));
}

const histogramSuffix = /_(bucket|sum|count)$/;

function readTree(dir: string, accept: (file: string) => boolean): { file: string; text: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return readTree(full, accept);
    return accept(entry.name) ? [{ file: full, text: fs.readFileSync(full, "utf8") }] : [];
  });
}

function dashboardExprs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(dashboardExprs);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === "expr" && typeof inner === "string" ? [inner] : dashboardExprs(inner)));
}

/** Where Istio uses each of its metrics, and the labels it uses with it there. */
export interface IstioMetricUse {
  readonly metrics: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Istio's dashboards (each expression: its metrics with the labels it filters and groups by) and its telemetry
 * integration tests (each file: the metrics it queries with the label keys it expects).
 */
export function istioMetricUse(): IstioMetricUse {
  const metrics = new Map<string, Set<string>>();
  const record = (metric: string, labels: Iterable<string>) => {
    const known = metrics.get(metric) ?? new Set<string>();
    for (const label of labels) known.add(label);
    metrics.set(metric, known);
  };
  for (const { text } of readTree(path.join(istioModuleDir, "manifests/addons/dashboards"), (file) => file.endsWith(".json"))) {
    for (const expr of dashboardExprs(JSON.parse(text))) {
      const { metrics: used, labels } = promqlNames(expr);
      for (const metric of used) record(metric, labels);
    }
  }
  const tests = [...readTree(path.join(istioModuleDir, "tests/integration/telemetry"), (file) => file.endsWith(".go")), ...readTree(path.join(istioModuleDir, "tests/integration/ambient"), (file) => file.endsWith(".go"))];
  for (const { text: source } of tests) {
    const text = source.replace(/\/\/[^\n]*/g, "");
    const labelKeys = [...text.matchAll(/"([a-z_]+)":\s/g)].map(([, key]) => key);
    for (const [, metric] of text.matchAll(/["`{(\s]((?:istio|pilot)_[a-z_]+)[\s"`{(]/g)) record(metric, labelKeys);
  }
  return { metrics };
}

/** The labels Istio knows for a metric; a histogram series (`_bucket`, …) also counts its family's uses. */
export function istioLabelsOf(use: IstioMetricUse, metric: string): ReadonlySet<string> | undefined {
  const family = metric.replace(histogramSuffix, "");
  const direct = use.metrics.get(metric);
  const ofFamily = use.metrics.get(family);
  if (direct === undefined && ofFamily === undefined) return undefined;
  return new Set([...(direct ?? []), ...(ofFamily ?? [])]);
}

/** Target labels Istio's sample Prometheus puts on every scraped pod (`target_label: namespace`, …). */
export function scrapeTargetLabels(): Set<string> {
  const text = fs.readFileSync(path.join(istioModuleDir, "samples/addons/prometheus.yaml"), "utf8");
  return new Set([...text.matchAll(/target_label:\s*([a-z_]+)/g)].map(([, label]) => label));
}

interface TagExtractor {
  readonly name: string;
  readonly regex: RegExp;
}

/** The stats_tags of Istio's Envoy bootstrap (tools/packaging/common/envoy_bootstrap.json, a Go template), in order. */
export function bootstrapTagExtractors(): TagExtractor[] {
  const text = fs.readFileSync(path.join(istioModuleDir, "tools/packaging/common/envoy_bootstrap.json"), "utf8");
  const section = text.slice(text.indexOf('"stats_tags"'), text.indexOf('"stats_matcher"'));
  return [...section.matchAll(/\{([^{}]*)\}/g)]
    .map(([, body]) => ({ name: /"tag_name":\s*("[^"]*")/.exec(body)?.[1], regex: /"regex":\s*("(?:[^"\\]|\\.)*")/.exec(body)?.[1] }))
    .filter((entry): entry is { name: string; regex: string } => entry.name !== undefined && entry.regex !== undefined && !entry.name.includes("{{"))
    .map((entry) => ({ name: JSON.parse(entry.name) as string, regex: new RegExp((JSON.parse(entry.regex) as string).replace(/\[:digit:\]/g, "0-9"), "d") }));
}

/**
 * Envoy's tag extraction, as Istio's bootstrap configures it: every extractor matches the full stat name; its first
 * group is cut from the name, its second (else its first) is the tag's value. Then the Prometheus name Envoy serves.
 */
export function envoyPrometheusSeries(statName: string, extractors: readonly TagExtractor[]): { metric: string; tags: Record<string, string> } {
  const tags: Record<string, string> = {};
  const removed: [number, number][] = [];
  for (const extractor of extractors) {
    const match = extractor.regex.exec(statName);
    if (!match?.indices?.[1]) continue;
    removed.push(match.indices[1]);
    tags[extractor.name] = match[2] ?? match[1];
  }
  const kept = [...statName].filter((_, i) => !removed.some(([start, end]) => i >= start && i < end)).join("");
  return { metric: `envoy_${kept.replace(/[^a-zA-Z0-9_]/g, "_")}`, tags };
}

/** Whether a stat passes a stats matcher of prefixes, suffixes and (whole-name) regexes, as Envoy applies it. */
export function admitted(statName: string, matcher: { prefixes?: readonly string[]; suffixes?: readonly string[]; regexps?: readonly string[] }): boolean {
  return (
    (matcher.prefixes ?? []).some((prefix) => statName.startsWith(prefix)) ||
    (matcher.suffixes ?? []).some((suffix) => statName.endsWith(suffix)) ||
    (matcher.regexps ?? []).some((regexp) => new RegExp(`^(?:${regexp})$`).test(statName))
  );
}

/** The stats every Istio proxy keeps whatever the mesh config says: pkg/bootstrap/config.go's required prefixes and regexes. */
export function istioRequiredStats(): { prefixes: string[]; regexps: string[] } {
  const text = fs.readFileSync(path.join(istioModuleDir, "pkg/bootstrap/config.go"), "utf8");
  const prefixes = /requiredEnvoyStatsMatcherInclusionPrefixes\s*=\s*"([^"]*)"/.exec(text)?.[1].split(",") ?? [];
  const regexps = /requiredEnvoyStatsMatcherInclusionRegexes\s*=\s*`([^`]*)`/.exec(text)?.[1].split(",") ?? [];
  return { prefixes, regexps };
}

/** The metrics cert-manager's certificate collector serves, each with its label names (its `prometheus.NewDesc` calls). */
export function certManagerMetricLabels(): Map<string, Set<string>> {
  const source = fs.readFileSync(path.join(certManagerModuleDir, "internal/collectors/certificate_collector.go"), "utf8");
  return new Map(
    [...source.matchAll(/prometheus\.NewDesc\("(\w+)", "[^"]*", \[\]string\{([^}]*)\}/g)].map(([, metric, labels]) => [metric, new Set([...labels.matchAll(/"(\w+)"/g)].map(([, label]) => label))]),
  );
}

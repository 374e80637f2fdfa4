/**
 * Routes a VirtualService never uses, as istiod's validation finds them (pkg/config/validation
 * analyzeUnreachable{HTTP,TCP,TLS}Rules): a rule after a match-all rule, a rule all of whose matches an earlier rule
 * already has, a match an earlier rule already has, and an HTTP prefix match an earlier prefix covers.
 */
import { asArray, asRecord, asString, isRecord, Json } from "./values";

export interface Unreachable {
  readonly kind: "unreachable" | "ineffective";
  readonly path: string;
  readonly detail: string;
}

/** JSON with sorted keys and without the values Go's encoder omits (empty, false, 0), so equal matches compare equal. */
function canonical(value: unknown): string {
  const strip = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.length === 0 ? undefined : item.map(strip);
    if (isRecord(item)) {
      const entries = Object.keys(item)
        .sort()
        .map((key) => [key, strip(item[key])] as const)
        .filter(([, child]) => child !== undefined);
      return entries.length === 0 ? undefined : Object.fromEntries(entries);
    }
    return item === "" || item === false || item === 0 || item === null ? undefined : item;
  };
  return JSON.stringify(strip(value) ?? {});
}

const ruleName = (rule: Json, index: number) => asString(rule.name) ?? String(index);

const exactOrPrefix = (match: unknown) => {
  const record = asRecord(match);
  return asString(record.exact) ? `exact:${String(record.exact)}` : asString(record.prefix) ? `prefix:${String(record.prefix)}` : "";
};

interface PrefixRoute {
  readonly path: string;
  readonly rule: string;
  readonly match: string;
  readonly prefix: string;
  readonly port: unknown;
  readonly method: string;
  readonly authority: string;
  readonly headers: Record<string, string>;
  readonly queryParams: Record<string, string>;
  readonly withoutHeaders: Record<string, string>;
}

function prefixRoute(path: string, rule: string, match: Json, index: number): PrefixRoute | undefined {
  const prefix = asString(asRecord(match.uri).prefix);
  if (!prefix) return undefined;
  const matchesOf = (field: string) => Object.fromEntries(Object.entries(asRecord(match[field])).map(([key, value]) => [key, exactOrPrefix(value)]));
  return {
    path,
    rule,
    match: asString(match.name) ?? String(index),
    prefix,
    port: match.port ?? 0,
    method: exactOrPrefix(match.method) || "exact:GET",
    authority: exactOrPrefix(match.authority),
    headers: matchesOf("headers"),
    queryParams: matchesOf("queryParams"),
    withoutHeaders: matchesOf("withoutHeaders"),
  };
}

/** istiod's coveredValidation: does the earlier prefix match `a` take every request the later `b` would? */
function covers(a: PrefixRoute, b: PrefixRoute): boolean {
  if (!b.prefix.startsWith(a.prefix) || b.port !== a.port) return false;
  const valueCovers = (x: string, y: string) => x === y || x.startsWith(y);
  if (!valueCovers(a.method, b.method) || !valueCovers(a.authority, b.authority)) return false;
  for (const field of ["headers", "queryParams", "withoutHeaders"] as const) {
    const ma = a[field];
    const mb = b[field];
    if (Object.keys(ma).length !== Object.keys(mb).length) return false;
    if (!Object.entries(ma).every(([key, value]) => key in mb && valueCovers(value, mb[key]))) return false;
  }
  return true;
}

function analyze(rules: unknown[], protocol: string, overlapping: boolean): Unreachable[] {
  const findings: Unreachable[] = [];
  const seen = new Map<string, number>();
  let matchAll = -1;
  const prefixes: PrefixRoute[] = [];
  rules.forEach((entry, i) => {
    const rule = asRecord(entry);
    const path = `spec.${protocol}[${i}]`;
    const matches = asArray(rule.match).map(asRecord);
    if (matches.length === 0) {
      if (matchAll >= 0) findings.push({ kind: "unreachable", path, detail: `rule ${ruleName(rule, i)} comes after rule ${matchAll}, which matches everything (only the last rule can have no matches)` });
      matchAll = i;
      return;
    }
    let duplicates = 0;
    matches.forEach((match, j) => {
      if (matchAll >= 0) {
        findings.push({ kind: "unreachable", path, detail: `rule ${ruleName(rule, i)} comes after rule ${matchAll}, which matches everything` });
        return;
      }
      const key = canonical({ ...match, name: undefined });
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        findings.push({ kind: "ineffective", path: `${path}.match[${j}]`, detail: `rule ${ruleName(asRecord(rules[earlier]), earlier)} already has this match` });
        duplicates++;
        return;
      }
      seen.set(key, i);
      const prefix = overlapping ? prefixRoute(`${path}.match[${j}]`, ruleName(rule, i), match, j) : undefined;
      if (prefix) prefixes.push(prefix);
    });
    if (duplicates === matches.length) findings.push({ kind: "unreachable", path, detail: `every match of rule ${ruleName(rule, i)} is used by an earlier rule` });
  });
  prefixes.forEach((earlier, i) =>
    prefixes.slice(i + 1).forEach((later) => {
      if (later.prefix !== earlier.prefix && covers(earlier, later)) {
        findings.push({ kind: "ineffective", path: later.path, detail: `prefix ${earlier.prefix} of rule ${earlier.rule} already takes prefix ${later.prefix}` });
      }
    }),
  );
  return findings;
}

export function unreachableRoutes(spec: Json): Unreachable[] {
  return [...analyze(asArray(spec.http), "http", true), ...analyze(asArray(spec.tcp), "tcp", false), ...analyze(asArray(spec.tls), "tls", false)];
}

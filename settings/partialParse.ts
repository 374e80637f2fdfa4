import type { z } from "zod";
import { describeIssues, keyPath, knownKeys } from "./errors";
import { nearest } from "./nearest";

/**
 * Schema errors and the checks across keys, reported together: the config is parsed once for its schema errors,
 * then parsed again without the values that failed, so the checks across keys still run on everything else. A
 * value that cannot be left out alone (a required key, a list that may not be empty) takes its whole top-level
 * section out.
 */
export interface PartialParse<T> {
  /** The config without the values that failed; undefined when even that does not parse. */
  readonly data?: T;
  /** One line per schema error, in the form of describeIssues. */
  readonly problems: readonly string[];
  /** Paths of the values left out: checks of keys at, below or above them would judge a stand-in, not the config. */
  readonly damaged: readonly (readonly PropertyKey[])[];
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return value !== null && typeof value === "object" && (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype);
}

/** A copy of `root` without the object key at the end of `path`; only the objects and lists along the path are copied. */
function without<T extends Container>(root: T, path: readonly PropertyKey[]): T {
  const [head, ...rest] = path;
  const copy = (Array.isArray(root) ? [...root] : { ...root }) as Record<PropertyKey, unknown>;
  const child = copy[head];
  if (rest.length === 0) delete copy[head];
  else if (isContainer(child)) copy[head] = without(child, rest);
  return copy as T;
}

/** What to leave out for a failing value: the value itself, or for a list entry the list (an entry cannot go alone without renumbering the rest). */
function removablePath(path: readonly PropertyKey[]): readonly PropertyKey[] {
  let end = path.length;
  while (end > 1 && typeof path[end - 1] === "number") end--;
  return path.slice(0, end);
}

function issuePaths(issues: readonly z.core.$ZodIssue[]): PropertyKey[][] {
  return issues.flatMap((issue) => (issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...issue.path, key]) : [issue.path]));
}

/**
 * Parses `config` with an object schema. An unknown top-level key close to a known one (`istoi`) also marks
 * that one damaged: the values meant for it are missing from it.
 */
export function parsePartially<T>(schema: z.ZodType<T>, config: Record<string, unknown>): PartialParse<T> {
  const topLevelKeys = knownKeys(schema, []);
  const first = schema.safeParse(config);
  if (first.success) return { data: first.data, problems: [], damaged: [] };
  const problems = describeIssues(schema, config, first.error.issues);
  const damaged = issuePaths(first.error.issues).filter((path) => path.length > 0);
  const misspeltSections = damaged.flatMap((path) => {
    const meant = path.length === 1 && !topLevelKeys.includes(String(path[0])) ? nearest(String(path[0]), topLevelKeys, 2) : undefined;
    return meant === undefined ? [] : [[meant]];
  });
  const removed = damaged.map(removablePath);
  let remaining = removed.reduce(without, config);
  const second = schema.safeParse(remaining);
  if (second.success) return { data: second.data, problems, damaged: [...damaged, ...removed, ...misspeltSections] };
  // A required value left out: the whole section goes.
  const sections = issuePaths(second.error.issues).map((path) => path.slice(0, 1)).filter((path) => path.length > 0);
  remaining = sections.reduce(without, remaining);
  const third = schema.safeParse(remaining);
  return { data: third.success ? third.data : undefined, problems, damaged: [...damaged, ...removed, ...misspeltSections, ...sections] };
}

/** Whether two config keys are the same, or one lies below the other (`mesh` and `mesh.services[0].port`). */
function related(a: string, b: string): boolean {
  const below = (outer: string, inner: string) => inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return below(a, b) || below(b, a);
}

/** Whether a check reading `key` would read a damaged value (or an object holding one, or a value inside one). */
export function readsDamage(key: string, damaged: readonly (readonly PropertyKey[])[]): boolean {
  return damaged.some((path) => related(keyPath(path), key));
}

/**
 * Whether a check of `key` could be misled by a damaged value: the key is a damaged value, lies above or below one,
 * or below the object holding one (a value is checked against its siblings: `issuer.type` against `issuer.acme`).
 */
export function touchesDamage(key: string, damaged: readonly (readonly PropertyKey[])[]): boolean {
  return damaged.some((path) => related(keyPath(path.length > 1 ? path.slice(0, -1) : path), key));
}

/** The key a problem line (`<key>: expected …`) is about. */
export function problemKey(problem: string): string {
  return problem.slice(0, problem.indexOf(": "));
}

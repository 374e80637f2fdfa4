import { readFileSync } from "fs";
import * as path from "path";
import { acceptedConfigKeys } from "../../settings";

/**
 * docs/configuration.md and the settings schemas agree: every key the settings accept is documented, and every key
 * the reference documents is accepted. The keys come from the zod schemas themselves, not from a list kept by hand.
 * A key is documented by a row of a table whose first column is "key", or, for a small fixed shape such as
 * `{requests, limits}` of `{cpu, memory}`, by the type column of its nearest documented key's row.
 */
const reference = readFileSync(path.resolve(__dirname, "../../docs/configuration.md"), "utf8");

/** Rows of the reference's key tables: the keys of the first column, and the type column's text. */
function documentedRows(markdown: string): { keys: string[]; type: string }[] {
  const rows: { keys: string[]; type: string }[] = [];
  let inKeyTable = false;
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("|")) {
      inKeyTable = false;
      continue;
    }
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim());
    if (cells[0] === "key") inKeyTable = true;
    else if (inKeyTable && !/^-+$/.test(cells[0])) rows.push({ keys: [...cells[0].matchAll(/`([^`]+)`/g)].map((match) => match[1]), type: cells[1] ?? "" });
  }
  return rows;
}

const accepted = acceptedConfigKeys();
const rows = documentedRows(reference);
const documented = new Map(rows.flatMap((row) => row.keys.map((key) => [key, row.type] as const)));

/** The keys whose rows name, in their type column, every segment below them (`resources` → `requests`, `cpu`). */
function coveredByShape(key: string): boolean {
  const segments = key.replace(/\[\]/g, "").split(".");
  for (let depth = segments.length - 1; depth > 0; depth--) {
    const ancestor = accepted.find((candidate) => candidate.replace(/\[\]/g, "") === segments.slice(0, depth).join(".") && documented.has(candidate));
    if (ancestor === undefined) continue;
    const type = documented.get(ancestor) ?? "";
    return segments.slice(depth).every((segment) => new RegExp(`\\b${segment}\\b`).test(type));
  }
  return false;
}

/** The keys one level below `key` (`mesh` → `mesh.services`; `mesh.services` → `mesh.services[].name`). */
function childrenOf(key: string): string[] {
  return accepted.filter((candidate) => /^(\[\])?\.[^.]+$/.test(candidate.slice(key.length)) && candidate.startsWith(key));
}

/** Documented itself, by its nearest documented key's shape, or (an object of keys) by all of its keys. */
function isDocumented(key: string): boolean {
  if (documented.has(key) || coveredByShape(key)) return true;
  const children = childrenOf(key);
  return children.length > 0 && children.every(isDocumented);
}

describe("docs/configuration.md", () => {
  it("has key tables to read", () => {
    expect(rows.length).toBeGreaterThan(100);
  });

  it("documents every key the settings accept", () => {
    expect(accepted.filter((key) => !isDocumented(key))).toEqual([]);
  });

  it("documents no key the settings do not accept", () => {
    expect([...documented.keys()].filter((key) => !accepted.includes(key))).toEqual([]);
  });
});

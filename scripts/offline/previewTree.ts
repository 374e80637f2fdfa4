import type { Registration } from "./mockEngine";

/** How many resources of each type the stack registers, sorted by type. */
export function countByType(registrations: readonly Registration[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { type } of [...registrations].sort((a, b) => a.type.localeCompare(b.type))) {
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

interface TreeRow {
  readonly type: string;
  readonly name: string;
  readonly protect: boolean;
}

/** Depth-first, children in registration order, with the box-drawing prefixes `pulumi preview` uses. */
function treeRows(registrations: readonly Registration[]): TreeRow[] {
  const urns = new Set(registrations.map((registration) => registration.urn));
  const children = new Map<string | undefined, Registration[]>();
  for (const registration of registrations) {
    const parent = registration.parent !== undefined && urns.has(registration.parent) ? registration.parent : undefined;
    children.set(parent, [...(children.get(parent) ?? []), registration]);
  }
  const rows: TreeRow[] = [];
  const visit = (registration: Registration, indent: string, branch: string) => {
    rows.push({ type: `${indent}${branch}${registration.type}`, name: registration.name, protect: registration.protect });
    const below = children.get(registration.urn) ?? [];
    const childIndent = branch === "" ? indent : `${indent}${branch === "└─ " ? "   " : "│  "}`;
    below.forEach((child, index) => visit(child, childIndent, index === below.length - 1 ? "└─ " : "├─ "));
  };
  for (const root of children.get(undefined) ?? []) visit(root, "", "");
  return rows;
}

/** A `pulumi preview`-like tree of what the stack would create, then the counts per type. */
export function formatPreview(stack: string, registrations: readonly Registration[]): string {
  const rows = treeRows(registrations);
  const typeWidth = Math.max(4, ...rows.map((row) => row.type.length)) + 2;
  const nameWidth = Math.max(4, ...rows.map((row) => row.name.length)) + 2;
  const line = (marker: string, type: string, name: string, plan: string, info: string) =>
    ` ${marker.padEnd(4)}${type.padEnd(typeWidth)}${name.padEnd(nameWidth)}${plan.padEnd(8)}${info}`.trimEnd();

  const counts = countByType(registrations);
  const countWidth = String(Math.max(0, ...Object.values(counts))).length;
  return [
    `Previewing update (${stack}), offline:`,
    "",
    line("", "Type", "Name", "Plan", "Info"),
    ...rows.map((row) => line("+", row.type, row.name, "create", row.protect ? "protect" : "")),
    "",
    "Resources:",
    `    + ${registrations.length} to create`,
    "",
    "By type:",
    ...Object.entries(counts).map(([type, count]) => `    ${String(count).padStart(countWidth)} ${type}`),
    "",
  ].join("\n");
}

/** The stack outputs as `pulumi preview` lists them, each value as JSON, nested values indented below the name. */
export function formatOutputs(outputs: Record<string, unknown>): string {
  const entries = Object.entries(outputs);
  if (entries.length === 0) return "";
  const rows = entries.map(([name, value]) => `    ${name}: ${JSON.stringify(value, null, 2).replace(/\n/g, "\n    ")}`);
  return ["", "Outputs:", ...rows, ""].join("\n");
}

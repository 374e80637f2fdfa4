import { readdirSync, readFileSync, statSync } from "fs";
import * as path from "path";
import { policies } from "../../policy-pack/policies";

/**
 * What users read speaks the product's own language: the correctness properties are this product's, numbered in
 * policy-pack/README.md, and no internal vocabulary ("seed" documents, "waves" of work) leaks into the README,
 * the docs, the pack's files, policy descriptions or any message the code can print.
 */
const root = path.resolve(__dirname, "../..");
const internalWords = /\b(seeds?|waves?)\b/i;

function filesUnder(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (["node_modules", "generated", ".git"].includes(entry)) return [];
    if (statSync(full).isDirectory()) return filesUnder(full, extensions);
    return extensions.some((extension) => entry.endsWith(extension)) ? [full] : [];
  });
}

const userFacingFiles = [
  "README.md",
  "LICENSE",
  "Pulumi.yaml",
  "policy-pack/README.md",
  "policy-pack/PulumiPolicy.yaml",
  ...filesUnder(path.join(root, "docs"), [".md"]).map((file) => path.relative(root, file)),
  ...["index.ts", "components", "settings", "scripts", "policy-pack", "upgrades", ".github"].flatMap((entry) => {
    const full = path.join(root, entry);
    return statSync(full).isDirectory() ? filesUnder(full, [".ts", ".yaml", ".yml", ".md", ".json"]).map((file) => path.relative(root, file)) : [entry];
  }),
  ...readdirSync(root).filter((file) => /^Pulumi\..+\.yaml$/.test(file)),
];

describe("no internal vocabulary in what users read", () => {
  it.each([...new Set(userFacingFiles)])("%s", (file) => {
    const lines = readFileSync(path.join(root, file), "utf8").split("\n");
    expect(lines.filter((line) => internalWords.test(line))).toEqual([]);
  });

  it("in no policy's description", () => {
    expect(policies.filter((policy) => internalWords.test(policy.description)).map((policy) => policy.name)).toEqual([]);
  });
});

describe("the correctness properties, numbered in policy-pack/README.md", () => {
  const readme = readFileSync(path.join(root, "policy-pack/README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## The mesh's correctness properties"), readme.indexOf("## Layout"));
  const numbers = [...section.matchAll(/^(\d+)\. \*\*/gm)].map((match) => Number(match[1]));

  it("are listed once each, 1 to 22 in order", () => {
    expect(numbers).toEqual(Array.from({ length: 22 }, (_, index) => index + 1));
  });

  it("are what the policies table and the policy descriptions refer to by number", () => {
    const table = readme.slice(readme.indexOf("## Policies"), readme.indexOf("## Settings per stack"));
    const tableNumbers = [...table.matchAll(/^\| (\d+) /gm)].map((match) => Number(match[1]));
    const descriptionNumbers = policies.flatMap((policy) => [...policy.description.matchAll(/\bproperty (\d+)/g)].map((match) => Number(match[1])));
    expect(tableNumbers.length).toBeGreaterThan(20);
    for (const number of [...tableNumbers, ...descriptionNumbers]) expect(numbers).toContain(number);
  });
});

describe("the license", () => {
  it("LICENSE is the Apache License 2.0 that package.json and the pack's package.json declare", () => {
    const license = readFileSync(path.join(root, "LICENSE"), "utf8");
    expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004\s+http:\/\/www\.apache\.org\/licenses\//);
    expect(license).toContain("END OF TERMS AND CONDITIONS");
    for (const manifest of ["package.json", "policy-pack/package.json"]) {
      expect([manifest, JSON.parse(readFileSync(path.join(root, manifest), "utf8")).license]).toEqual([manifest, "Apache-2.0"]);
    }
  });
});

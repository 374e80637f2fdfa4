import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import * as path from "path";

/**
 * Every relative link of the README, the docs and the pack's README leads somewhere: the file exists and, where the
 * link names an anchor, the file has a heading GitHub gives that anchor. Moving a section breaks this test, not a
 * reader's click.
 */
const root = path.resolve(__dirname, "../..");
const pages = ["README.md", "policy-pack/README.md", ...readdirSync(path.join(root, "docs")).filter((file) => file.endsWith(".md")).map((file) => `docs/${file}`)];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens; a repeated one gets -1, -2, … */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6} (.+)$/.exec(line);
    if (!heading) continue;
    const base = heading[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    result.add(count === 0 ? base : `${base}-${count}`);
    seen.set(base, count + 1);
  }
  return result;
}

/** Relative links outside code: `[text](target)`, targets without a scheme. */
function links(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]).filter((target) => !/^[a-z]+:/.test(target));
}

describe.each(pages)("%s", (page) => {
  const markdown = readFileSync(path.join(root, page), "utf8");

  it("has only links that lead to an existing file and heading", () => {
    const broken = links(markdown).filter((target) => {
      const [file, anchor] = target.split("#");
      const resolved = file === "" ? path.join(root, page) : path.resolve(path.dirname(path.join(root, page)), file);
      if (!existsSync(resolved)) return true;
      if (anchor === undefined) return false;
      return !statSync(resolved).isFile() || !anchors(readFileSync(resolved, "utf8")).has(anchor);
    });
    expect(broken).toEqual([]);
  });
});

it("the README stays a front page of about 150 lines", () => {
  expect(readFileSync(path.join(root, "README.md"), "utf8").split("\n").length).toBeLessThanOrEqual(170);
});

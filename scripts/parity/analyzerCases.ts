/**
 * istioctl's own analyzer test cases, read from the Istio module: the `testGrid` of
 * `pkg/config/analysis/analyzers/analyzers_test.go` (input files, mesh config, the analyzer under test and the
 * messages it must raise) with each message's IST code looked up in `pkg/config/analysis/msg/messages.gen.go`.
 */
import * as fs from "fs";
import * as path from "path";

/** One expected message: its IST code and the resource it names, as istioctl prints it (`Kind [namespace/]name`). */
export interface ExpectedMessage {
  readonly code: string;
  readonly origin: string;
}

export interface AnalyzerCase {
  readonly name: string;
  /** Paths relative to the analyzers package directory (`testdata/…`). */
  readonly inputFiles: readonly string[];
  readonly meshConfigFile?: string;
  readonly meshNetworksFile?: string;
  /** The analyzer's Go type (`virtualservice.GatewayAnalyzer`), or `schema.ValidationAnalyzer.<Kind>`. */
  readonly analyzer: string;
  readonly expected: readonly ExpectedMessage[];
}

/** `IST0101` for `ReferencedResourceNotFound`, from the generated message table. */
export function messageCodes(messagesGenSource: string): Map<string, string> {
  const codes = new Map<string, string>();
  for (const match of messagesGenSource.matchAll(/\t(\w+) = diag\.NewMessageType\(diag\.\w+, "(IST\d{4})"/g)) {
    codes.set(match[1], match[2]);
  }
  return codes;
}

/** The top-level `{ … }` entries of the composite literal that starts at `start` (just after its `{`). */
function topLevelEntries(source: string, start: number): string[] {
  const entries: string[] = [];
  let depth = 0;
  let entryStart = -1;
  let inString = false;
  for (let i = start; i < source.length; i++) {
    const char = source[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === "/" && source[i + 1] === "/") i = source.indexOf("\n", i);
    else if (char === "{") {
      if (depth === 0) entryStart = i;
      depth++;
    } else if (char === "}") {
      if (depth === 0) return entries;
      depth--;
      if (depth === 0) entries.push(source.slice(entryStart, i + 1));
    }
  }
  throw new Error("analyzers_test.go: the testGrid literal does not end");
}

function stringField(entry: string, field: string): string | undefined {
  return new RegExp(`\\b${field}:\\s*"([^"]*)"`).exec(entry)?.[1];
}

function analyzerOf(entry: string): string {
  const collection = /CollectionValidationAnalyzer\(collections\.(\w+)\)/.exec(entry);
  if (collection) return `schema.ValidationAnalyzer.${collection[1]}`;
  const typed = /\banalyzer:\s*&(\w+)\.(\w+)\{/.exec(entry);
  if (!typed) throw new Error(`analyzers_test.go: no analyzer in case ${stringField(entry, "name")}`);
  return `${typed[1]}.${typed[2]}`;
}

/** Parses the test grid; throws where the file no longer has the shape this reader knows. */
export function parseAnalyzerCases(testSource: string, codes: ReadonlyMap<string, string>): AnalyzerCase[] {
  const gridStart = testSource.indexOf("var testGrid = []testCase{");
  if (gridStart < 0) throw new Error("analyzers_test.go: no testGrid");
  return topLevelEntries(testSource, gridStart + "var testGrid = []testCase{".length).map((entry) => {
    const name = stringField(entry, "name");
    if (name === undefined) throw new Error(`analyzers_test.go: a case without a name: ${entry.slice(0, 80)}`);
    const inputBlock = /inputFiles:\s*\[\]string\{([^}]*)\}/.exec(entry)?.[1] ?? "";
    const expectedBlock = /expected:\s*\[\]message\{([\s\S]*)\}\s*,\s*(?:skipAll:[^\n]*\s*)?\}$/.exec(entry)?.[1] ?? "";
    const expected = [...expectedBlock.matchAll(/\{msg\.(\w+),\s*"([^"]*)"\}/g)].map(([, message, origin]) => {
      const code = codes.get(message);
      if (code === undefined) throw new Error(`analyzers_test.go case ${name}: unknown message msg.${message}`);
      return { code, origin };
    });
    return {
      name,
      inputFiles: [...inputBlock.matchAll(/"([^"]+)"/g)].map((match) => match[1]),
      meshConfigFile: stringField(entry, "meshConfigFile"),
      meshNetworksFile: stringField(entry, "meshNetworksFile"),
      analyzer: analyzerOf(entry),
      expected,
    };
  });
}

/** The cases of the Istio module at `istioModuleDir`. */
export function loadAnalyzerCases(istioModuleDir: string): AnalyzerCase[] {
  const analysisDir = path.join(istioModuleDir, "pkg", "config", "analysis");
  const codes = messageCodes(fs.readFileSync(path.join(analysisDir, "msg", "messages.gen.go"), "utf8"));
  return parseAnalyzerCases(fs.readFileSync(path.join(analysisDir, "analyzers", "analyzers_test.go"), "utf8"), codes);
}

export function analyzersDir(istioModuleDir: string): string {
  return path.join(istioModuleDir, "pkg", "config", "analysis", "analyzers");
}

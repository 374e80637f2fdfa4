/** What `npm run render -- …` was asked to do. */
export interface RenderArgs {
  readonly stack: string;
  /** Directory that receives the manifests, Helm values and resources.json; nothing is written without it. */
  readonly outDir?: string;
  /** A config patch applied over the stack file (a step of a procedure such as `upgrades/canary/`). */
  readonly configPatch?: string;
  /** Print the JSON document on stdout and the preview on stderr. */
  readonly json: boolean;
  /** Evaluate the policy pack on the render; `--no-policy` skips it (used by the benchmark). */
  readonly policy: boolean;
}

export const usage = "usage: npm run render -- --stack <name> [--config-patch <file>] [--out <dir>] [--json] [--no-policy]";

export const helpText = `${usage}
  --stack <name>  render with the config of Pulumi.<name>.yaml (required)
  --config-patch <file>
                  merge this file's \`config:\` into the stack's first (objects merge, lists and values
                  replace, null removes a key), e.g. a step of upgrades/canary/
  --out <dir>     write manifests/<namespace>/<Kind>-<name>.yaml, helm/<release>/{values.yaml,chart.json}
                  and resources.json into <dir>, replacing a previous render's output there; a file or a
                  non-empty folder holding anything else is refused
  --json          print one JSON document {stack, resources, counts, violations, notices, outputs,
                  foreignConfig} on stdout, the preview on stderr
  --no-policy     skip the policy gate (policy-pack/config/<name>.json is then not read)
exit codes: 0 rendered, advisory findings at most; 1 a mandatory policy violation; 2 a usage or config error,
            nothing written; 3 an internal error
`;

/** A command line the script does not understand; the message says what is wrong and ends with the usage line. */
export class UsageError extends Error {
  constructor(problem: string, usageLine: string = usage) {
    super(`${problem}\n${usageLine}`);
    this.name = "UsageError";
  }
}

/** Flags given on a command line: `--flag value` or `--flag=value`, each flag at most once. */
export interface ParsedFlags {
  readonly values: ReadonlyMap<string, string>;
  readonly switches: ReadonlySet<string>;
}

/** Parses `--flag value`, `--flag=value` and `--switch` arguments; anything else is a UsageError ending with `usageLine`. */
export function parseFlags(argv: readonly string[], valueFlags: readonly string[], switchFlags: readonly string[], usageLine: string): ParsedFlags {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const expanded = argv.flatMap((arg) => (arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg]));
  for (let index = 0; index < expanded.length; index++) {
    const flag = expanded[index];
    if (values.has(flag) || switches.has(flag)) throw new UsageError(`${flag} is given twice`, usageLine);
    if (valueFlags.includes(flag)) {
      const value = expanded[index + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`${flag} needs a value`, usageLine);
      values.set(flag, value);
      index++;
    } else if (switchFlags.includes(flag)) {
      switches.add(flag);
    } else {
      throw new UsageError(flag.startsWith("-") ? `unknown option ${flag}` : `unexpected argument ${JSON.stringify(flag)}`, usageLine);
    }
  }
  return { values, switches };
}

/** A stack name as Pulumi allows it (letters, digits, `-`, `_`, `.`), so `Pulumi.<stack>.yaml` names a file here. */
export function checkStackName(stack: string, usageLine: string = usage): void {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
    throw new UsageError(`--stack: expected a stack name (letters, digits, '-', '_' and '.'), got ${JSON.stringify(stack)}`, usageLine);
  }
}

/** Parses the render's arguments: `--flag value` or `--flag=value`, each flag at most once. */
export function parseRenderArgs(argv: readonly string[]): RenderArgs {
  const { values, switches } = parseFlags(argv, ["--stack", "--out", "--config-patch"], ["--json", "--no-policy"], usage);
  const stack = values.get("--stack");
  if (stack === undefined) throw new UsageError("--stack is required");
  checkStackName(stack);
  return { stack, outDir: values.get("--out"), configPatch: values.get("--config-patch"), json: switches.has("--json"), policy: !switches.has("--no-policy") };
}

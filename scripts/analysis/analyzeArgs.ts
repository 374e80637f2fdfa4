import * as path from "path";
import { checkStackName, parseFlags, UsageError } from "../offline/renderArgs";

/** What `npm run analyze -- …` was asked to do. */
export interface AnalyzeArgs {
  readonly stack: string;
  /** Where the analysis input and the tools' answers are written. @defaultValue reports/analyze/<stack> */
  readonly outDir: string;
  /** Print the findings as one JSON document on stdout, the report on stderr. */
  readonly json: boolean;
}

export const analyzeUsage = "usage: npm run analyze -- --stack <name> [--out <dir>] [--json]";

export const analyzeHelpText = `${analyzeUsage}
  --stack <name>  analyze the offline render of Pulumi.<name>.yaml with istioctl's analyzers (required)
  --out <dir>     where the analysis input (manifests, rendered Istio charts, stand-ins) and the tools' JSON
                  answers go (default reports/analyze/<name>)
  --json          print {stack, environment, findings} on stdout, the report on stderr
ISTIOCTL=/path/to/istioctl uses that istioctl (it must be the pinned release) instead of building one.
exit codes: 0 passed; 1 an Error, or a Warning in a staging or prod stack, that no suppression accepts;
            2 a usage or config error; 3 the tools cannot be built or run (the message says why)
`;

export function parseAnalyzeArgs(argv: readonly string[], projectDir: string): AnalyzeArgs {
  const { values, switches } = parseFlags(argv, ["--stack", "--out"], ["--json"], analyzeUsage);
  const stack = values.get("--stack");
  if (stack === undefined) throw new UsageError("--stack is required", analyzeUsage);
  checkStackName(stack, analyzeUsage);
  return { stack, outDir: path.resolve(values.get("--out") ?? path.join(projectDir, "reports", "analyze", stack)), json: switches.has("--json") };
}

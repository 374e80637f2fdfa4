/**
 * `npm run analyze -- --stack <name> [--out <dir>] [--json]`: istioctl's analyzers on what the stack would deploy.
 * See scripts/analysis/analyzeCommand.ts.
 */
import * as path from "path";
import { main } from "./analysis/analyzeCommand";

void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }, { projectDir: path.resolve(__dirname, "..") }).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 3;
  },
);

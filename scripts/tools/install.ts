/**
 * `npm run tools`: builds istioctl, offline-analyze and helm at the pinned versions into `.tools/bin` (reused when
 * present), or says why it cannot. `ISTIOCTL=/path/to/istioctl` uses that istioctl instead, if it is the pinned
 * release. Exit codes: 0 ready, 3 the tools cannot be had (the message says why).
 */
import * as path from "path";
import { ensureTools, ToolsUnavailableError } from "./istioTools";

try {
  const tools = ensureTools({ projectDir: path.resolve(__dirname, "../.."), env: process.env, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`istioctl        ${tools.istioctl}\noffline-analyze ${tools.offlineAnalyze}\nhelm            ${tools.helm}\nIstio charts    ${tools.istioModuleDir}/manifests/charts\n`);
} catch (error) {
  if (!(error instanceof ToolsUnavailableError)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  process.exitCode = 3;
}

/**
 * `npm run render -- --stack <name> [--out <dir>] [--json] [--no-policy]`: what a stack would deploy, without the
 * Pulumi CLI, a cluster or credentials, gated by the policy pack. See scripts/offline/renderCommand.ts.
 */
import { deferSdkModules } from "./offline/deferredSdkModules";
import { skipSdkPromiseStacks } from "./offline/sdkPromiseStacks";

deferSdkModules();
// The SDK's promise stacks are printed only with PULUMI_DEBUG_PROMISE_LEAKS: formatted then, skipped otherwise.
if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) skipSdkPromiseStacks();
// Required after the deferral, so the SDK loads with it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require("./offline/renderCommand") as typeof import("./offline/renderCommand");

void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((exitCode) => {
  process.exitCode = exitCode;
});

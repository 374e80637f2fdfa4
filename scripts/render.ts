/**
 * `npm run render -- --stack <name> [--out <dir>] [--json] [--no-policy]`: what a stack would deploy, without the
 * Pulumi CLI, a cluster or credentials, gated by the policy pack. See scripts/offline/renderCommand.ts.
 */
import { deferSdkModules } from "./offline/deferredSdkModules";
import { installLinearStructs } from "./offline/linearStructs";
import { type SdkDebuggable, withoutPromiseStacks } from "./offline/sdkPromiseStacks";

deferSdkModules();
installLinearStructs();
// Required after the deferral, so the SDK loads with it.
/* eslint-disable @typescript-eslint/no-require-imports */
const { main } = require("./offline/renderCommand") as typeof import("./offline/renderCommand");
// The SDK is loaded: its promise stacks are captured only with PULUMI_DEBUG_PROMISE_LEAKS, which prints them.
withoutPromiseStacks(require("@pulumi/pulumi/runtime/debuggable") as SdkDebuggable);
/* eslint-enable @typescript-eslint/no-require-imports */

void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((exitCode) => {
  process.exitCode = exitCode;
});

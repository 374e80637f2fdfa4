/**
 * @pulumi/pulumi captures a stack trace for every promise it creates (runtime/debuggable.js), a debugging aid it
 * prints only for a promise still pending at exit, and only with PULUMI_DEBUG_PROMISE_LEAKS set. Formatting
 * those traces is a tenth of a render (and, source-mapped, seconds of a test file that runs a program). With
 * `skipSdkPromiseStacks` installed, such a capture keeps the error's first line only; every other stack trace is
 * formatted as before, by the formatter in place when it is installed or else as Node formats it.
 */

const promiseDebugging = /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]debuggable\.js$/;

/** Node's own format (lib/internal/errors.js): the error's string, then one `at` line per call site. */
const nodeFormat = (error: Error, callSites: NodeJS.CallSite[]): string =>
  callSites.length === 0 ? Error.prototype.toString.call(error) : `${Error.prototype.toString.call(error)}\n    at ${callSites.join("\n    at ")}`;

export function skipSdkPromiseStacks(): void {
  const format = Error.prepareStackTrace ?? nodeFormat;
  Error.prepareStackTrace = (error, callSites) =>
    error.message === "" && promiseDebugging.test(callSites[0]?.getFileName() ?? "") ? String(error) : format(error, callSites);
}

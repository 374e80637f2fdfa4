/**
 * jest (setupFilesAfterEnv): @pulumi/pulumi captures a stack trace for every promise it creates, a debugging aid
 * it prints only for a promise left pending at exit with PULUMI_DEBUG_PROMISE_LEAKS set. Under jest each capture
 * goes through source-map-support, which maps every frame through the SDK's own source maps: seconds in each test
 * file that renders a program, for traces no test reads. Those captures keep the error's first line only; every
 * other stack trace is formatted and source-mapped as before.
 */
const sourceMapped = Error.prepareStackTrace;
const promiseDebugging = /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]debuggable\.js$/;

Error.prepareStackTrace = (error, callSites) =>
  error.message === "" && promiseDebugging.test(callSites[0]?.getFileName() ?? "") ? String(error) : sourceMapped(error, callSites);

/**
 * @pulumi/pulumi captures a stack trace for every promise it creates (`debuggablePromise` in
 * runtime/debuggable.js), a debugging aid it prints only for a promise still pending at exit, and only with
 * PULUMI_DEBUG_PROMISE_LEAKS set. Capturing them is a tenth of a render, and more under jest, which captures 100
 * frames a trace and source-maps them. `withoutPromiseStacks` has that function capture no frames (the trace is
 * then the error's first line, `Error`) unless PULUMI_DEBUG_PROMISE_LEAKS is set; nothing else changes.
 */

export interface SdkDebuggable {
  debuggablePromise<T>(promise: Promise<T>, ctx?: unknown): Promise<T>;
}

const patched = new WeakSet<object>();

/** Patches the module's exports in place (the SDK calls the function through them) and returns the module. */
export function withoutPromiseStacks<Module extends SdkDebuggable>(debuggable: Module): Module {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS || patched.has(debuggable)) return debuggable;
  const debuggablePromise = debuggable.debuggablePromise;
  debuggable.debuggablePromise = <T>(promise: Promise<T>, ctx?: unknown): Promise<T> => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return debuggablePromise(promise, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  patched.add(debuggable);
  return debuggable;
}

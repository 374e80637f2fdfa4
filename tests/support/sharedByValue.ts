/**
 * `compute` done once per distinct generated value (compared as JSON) within a test file, for properties that
 * run on the same values (`sameValuesRuns`). Results are deeply frozen, so no property can change what the next
 * one judges.
 */
export function sharedByValue<Value, Result>(compute: (value: Value) => Result): (value: Value) => Result {
  const results = new Map<string, Result>();
  return (value) => {
    const key = JSON.stringify(value);
    if (!results.has(key)) results.set(key, deepFreeze(compute(value)));
    return results.get(key) as Result;
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

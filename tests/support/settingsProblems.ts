import { parseSettings, SettingsError } from "../../settings";

/** The problems parseSettings reports for a stack's config values (empty when they are valid). */
export function problemsOf(stack: string, config: Record<string, unknown>): string[] {
  try {
    parseSettings(stack, config);
  } catch (error) {
    if (error instanceof SettingsError) return [...error.problems];
    throw error;
  }
  return [];
}

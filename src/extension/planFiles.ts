/**
 * Which files are plan files. The pipeline's artifacts get the contributed `planlens-json` language
 * through the manifest's `filenamePatterns` (kept equal to `planLanguagePatterns` by the manifest test),
 * which gives activation scoped to plan files: adding patterns to the built-in `json` language would not
 * activate the extension (microsoft/vscode#198295), and `onLanguage:json` would activate it for every
 * settings file. Plan Lens bundles stay `json`: VS Code applies a contributed JSON schema (`jsonValidation`)
 * only to json documents, and the schema's validation and completion matter more for a file users edit.
 */

export const planLanguagePatterns = ['*task_graph*.json', '*node_link*.json', '*plan_schedule*.json', '*plan_validation*.json'] as const;

export const planFilePatterns = [...planLanguagePatterns, '*.planlens.json'] as const;

export const planFileGlob = `**/{${planFilePatterns.join(',')}}`;

/** A rustworkx node-link task graph, the input of `plan-lens analyze` (the other plan files are envelopes). */
export function isTaskGraph(path: string): boolean {
  return /(task_graph|node_link)[^/]*\.json$/.test(path);
}

/** Whether a file name matches a plan file pattern (`*` is any run of characters, as in the manifest). */
export function isPlanFile(name: string): boolean {
  return planFilePatterns.some((pattern) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i').test(name));
}

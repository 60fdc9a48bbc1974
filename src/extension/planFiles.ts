/**
 * Which files are plan files. They get the contributed `planlens-json` language through the manifest's
 * `filenamePatterns` (kept equal to `planFilePatterns` by the manifest test), which gives activation
 * scoped to plan files: adding patterns to the built-in `json` language would not activate the extension
 * (microsoft/vscode#198295), and `onLanguage:json` would activate it for every settings file.
 */

export const planFilePatterns = [
  '*.planlens.json',
  '*task_graph*.json',
  '*node_link*.json',
  '*plan_schedule*.json',
  '*plan_validation*.json',
] as const;

export const planFileGlob = `**/{${planFilePatterns.join(',')}}`;

/** A rustworkx node-link task graph, the input of `plan-lens analyze` (the other plan files are envelopes). */
export function isTaskGraph(path: string): boolean {
  return /(task_graph|node_link)[^/]*\.json$/.test(path);
}

/**
 * The plan files as a `workspace.findFiles` glob. Which files are plan files is defined once, in
 * src/core/workspace/planFiles.ts; the manifest gives them the contributed `planlens-json` language
 * (`filenamePatterns`, bundles included), which scopes activation to plan files: adding patterns to the
 * built-in `json` language would not activate the extension (microsoft/vscode#198295), and
 * `onLanguage:json` would activate it for every settings file. `jsonLanguageParticipants` lets the
 * built-in JSON language features serve `planlens-json` too, so the bundle schema (`jsonValidation`)
 * still validates and completes bundles.
 */

import { PLAN_FILE_PATTERNS } from '../core/workspace/planFiles';

export const planFileGlob = `**/{${PLAN_FILE_PATTERNS.join(',')}}`;

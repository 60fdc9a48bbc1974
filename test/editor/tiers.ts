/** The tiers that need a real VS Code (integration inside the extension host, UI in a browser). */

import type { Tier } from '../run';

export const editorTiers: readonly Tier[] = [];

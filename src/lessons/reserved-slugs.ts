/**
 * Step addresses the app keeps for itself: `/lessons/<lesson>/cheat-sheet` is the lesson's cheat
 * sheet, so no step may take that slug (the compiler refuses it; the router relies on it).
 */
export const CHEAT_SHEET_SLUG = 'cheat-sheet';
export const RESERVED_STEP_SLUGS: readonly string[] = [CHEAT_SHEET_SLUG];

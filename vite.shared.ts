/**
 * Settings both Vite and Vitest must agree on. Pre-bundling these up front stops the dev server from
 * discovering them mid-session and reloading the page (which would lose the learner's state).
 */
export const sharedOptimizeDeps = {
  include: ['web-tree-sitter', 'just-bash/browser', 'msw'],
};

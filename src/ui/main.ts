import { mount } from 'svelte';
import App from './App.svelte';
import { parseRoute } from './routing/route';
import { browserThemeStorage, createThemeController, THEME_CONTEXT } from './theme/page-theme';
import { themeParam } from './theme/theme-choice';
import './styles/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html is missing #app');

// The theme goes on <html> before anything mounts, so the first frame already has the learner's
// colours (the CSP allows no inline script in <head> to do it earlier). An address's ?theme= pins one
// for the visit without replacing the saved choice. /embed answered by the app sets its own.
const theme =
  parseRoute(location.pathname).name === 'embed'
    ? null
    : createThemeController({ root: document.documentElement, storage: browserThemeStorage(), pinned: themeParam(new URLSearchParams(location.search)) });

export default mount(App, { target, context: new Map([[THEME_CONTEXT, theme]]) });

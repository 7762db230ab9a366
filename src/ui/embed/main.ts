import { mount } from 'svelte';
import EmbedApp from './EmbedApp.svelte';
import '../styles/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('embed.html is missing #app');

export default mount(EmbedApp, { target });

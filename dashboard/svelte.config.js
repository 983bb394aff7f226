/** Svelte options shared by Vite and svelte-check: the defaults (TypeScript is native in Svelte 5). */
export default {};

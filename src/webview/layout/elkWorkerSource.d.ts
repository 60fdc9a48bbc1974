/** The text of elkjs's worker script, embedded by esbuild's `text` loader for `.min.js` (esbuild.mjs). */
declare module 'elkjs/lib/elk-worker.min.js' {
  const source: string;
  export default source;
}

// import() for the CLI bundle. The bundle runs as a vm.Script from its code
// cache (src/cli/code-cache.ts), where Node 20 has no dynamic-import hook
// without an experimental flag or warning; a file that Node's own loader
// compiles, as require() does with this one, has it. Vega and Vega-Lite are
// ES modules, loaded this way when a report is made.
const importEsm = (url: string): Promise<unknown> => import(url);
export = importEsm;

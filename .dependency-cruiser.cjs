// The layers of TCP Tutor, checked by `npm run lint` (dependency-cruiser):
//   src/core     pure: the simulator, the sandbox session, the course engine. Imports only core.
//   src/i18n     learner text. May import core's vocabulary files (ids it is keyed by).
//   src/shared   the host-webview contract. May import core's vocabulary files, and i18n's types.
//   src/host     VS Code glue: presenters and features. May import everything below it.
//   webview/     the page. Imports src/shared only (and npm packages).
// and no import cycles anywhere.
/** Core's vocabulary files: ids, id lists and serialisable records, no behaviour. */
const VOCABULARY = '^src/core/[^/]+/vocabulary[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make the layers meaningless and the load order fragile.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-stays-pure',
      severity: 'error',
      comment: 'src/core knows no UI, no contract, no text catalogs and no VS Code.',
      from: { path: '^src/core/' },
      to: { path: ['^src/(shared|host|i18n|cli)/', '^webview/', '^vscode$'] },
    },
    {
      name: 'core-vocabulary-is-a-leaf',
      severity: 'error',
      comment: 'The vocabulary files are what shared and i18n may see of core: they import only each other.',
      from: { path: VOCABULARY },
      to: { path: '^src/', pathNot: VOCABULARY },
    },
    {
      name: 'shared-sees-only-core-vocabulary',
      severity: 'error',
      comment: 'The contract declares its own view types; of core it may use the vocabulary files only.',
      from: { path: '^src/shared/' },
      to: { path: '^src/core/', pathNot: VOCABULARY },
    },
    {
      name: 'shared-is-below-host',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: ['^src/(host|cli)/', '^webview/', '^vscode$'] },
    },
    {
      name: 'shared-takes-only-text-types',
      severity: 'error',
      comment: 'The contract carries the shapes of the text catalogs, never the catalogs themselves.',
      from: { path: '^src/shared/' },
      to: { path: '^src/i18n/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'i18n-sees-only-core-vocabulary',
      severity: 'error',
      from: { path: '^src/i18n/' },
      to: { path: ['^src/(core|shared|host|cli)/', '^webview/', '^vscode$'], pathNot: VOCABULARY },
    },
    {
      name: 'webview-imports-only-shared',
      severity: 'error',
      comment: 'The page renders view models and sends intents: of src/ it sees the contract only.',
      from: { path: '^webview/' },
      to: { path: ['^src/', '^vscode$'], pathNot: '^src/shared/' },
    },
    {
      name: 'host-is-the-only-vscode-user',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/host/' },
      to: { path: '^vscode$' },
    },
    {
      name: 'nothing-imports-the-host-or-webview',
      severity: 'error',
      comment: 'Only tests, benchmarks and the entry point may reach into src/host; nothing reaches into webview/ code.',
      from: { path: '^src/', pathNot: '^src/host/' },
      to: { path: ['^src/host/', '^webview/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^build/', '^node_modules/', '^[.]cache/', '^test-results/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs', '.json'] },
    reporterOptions: {
      dot: { collapsePattern: '^(src/[^/]+/[^/]+|webview|node_modules/[^/]+)' },
      mermaid: { minify: false },
    },
  },
};

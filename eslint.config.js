import js from '@eslint/js';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';
import ts from 'typescript-eslint';

// The layers of src-main, bottom to top (docs: DESIGN.md). A folder may import its own layer and
// the layers below it, never one above. Doors (the last layer) may use each other.
const LAYERS = [
  ['model'],
  ['kube'],
  ['engine'],
  ['store'],
  ['hooks', 'images', 'secrets'],
  ['kubelet'],
  ['api'],
  ['cli', 'rpc', 'ipc', 'preload', 'shell', 'index', 'kube-apiserver'],
];

/**
 * The Kubernetes API door translates and validates: it reaches the core through api/ (the contract)
 * and model/ types, and may use kube/'s pure parsing, never the kubelet, the store or an engine.
 */
const KUBE_APISERVER_RULES = {
  files: ['src-main/kube-apiserver/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'dockerode', message: 'The Kubernetes API door reaches the core through api/, never an engine.' }],
        patterns: [
          {
            regex: '^(\\.\\./)+(engine|store|hooks|images|secrets|kubelet|cli|rpc|ipc|preload|shell|index)(/|\\.ts$|$)',
            message: 'The Kubernetes API door imports api/ (the contract), model/ and kube/ only: it holds no behaviour (DESIGN.md).',
          },
          { regex: '(^|/)src-renderer(/|$)', message: 'src-main never imports the renderer.' },
        ],
      },
    ],
  },
};

/** One config block per folder of src-main: the folders above its layer are out of reach. */
function layerRules() {
  return LAYERS.slice(0, -1).flatMap((layer, i) => {
    const above = LAYERS.slice(i + 1).flat();
    return layer.map((folder) => ({
      files: [`src-main/${folder}/**`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              folder === 'model'
                ? { regex: '^\\.\\.(/|$)', message: 'model/ imports nothing of Berth\'s: only other model files.' }
                : {
                    regex: `^(\\.\\./)+(${above.join('|')})(/|\\.ts$|$)`,
                    message: `Imports point down: ${folder}/ is below ${above.join(', ')} (layers in eslint.config.js, DESIGN.md). Move what both need down, e.g. into model/.`,
                  },
              { regex: '(^|/)src-renderer(/|$)', message: 'src-main never imports the renderer.' },
            ],
          },
        ],
      },
    }));
  });
}

export default ts.config(
  { ignores: ['out/', 'node_modules/', 'bench-results/', 'test-results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    // The engine port is the only way to an engine: dockerode and its adapter stay inside engine/.
    files: ['src-main/**'],
    ignores: ['src-main/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dockerode', message: 'Use the engine port (src-main/engine/port.ts).' }],
          patterns: [{ group: ['**/engine/dockerode/**', '**/engine/fake/**'], message: 'Use the engine port (src-main/engine/port.ts).' }],
        },
      ],
    },
  },
  {
    // The renderer is untrusted and runs in a sandbox: it may import only types from src-main,
    // and only the model's and the API's (contract, results).
    files: ['src-renderer/**'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'electron'], message: 'The renderer has no Node or Electron access.' }] },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src-main/(model|api/contract|api/results)(/|\\.ts$|$)',
              allowTypeImports: true,
              message: 'The renderer imports types only from src-main (`import type`), never runtime code.',
            },
            {
              regex: '(^|/)src-main/(?!(model|api/contract|api/results)(/|\\.ts$|$))',
              message: 'The renderer may import from src-main only model/ and api/contract, api/results (types).',
            },
          ],
        },
      ],
    },
  },
  {
    // Shared by the CLI and the renderer: pure code over the model.
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)src-main/(?!model(/|\\.ts$|$))', message: 'src-shared may import only src-main/model.' },
            { regex: '(^|/)src-renderer(/|$)', message: 'src-shared may import only src-main/model.' },
          ],
        },
      ],
    },
  },
  ...layerRules(),
  KUBE_APISERVER_RULES,
);

import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import skipFormatting from '@vue/eslint-config-prettier/skip-formatting'

export default defineConfigWithVueTs(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench/results/**', 'parley-data/**'] },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // User text is rendered as text, never as HTML.
      'vue/no-v-html': 'error',
    },
  },
  {
    // Process boundaries: the renderer never reaches into Node, Electron or main.
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['electron', 'node:*', '**/src-main/**', '**/server/**'] }],
    },
  },
  {
    files: ['protocol/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['electron', 'node:*', '**/server/**', '**/src-*/**'] }],
    },
  },
  skipFormatting,
)

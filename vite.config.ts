// The web pages: Vue 3 + Element Plus, built from web/ into dist/web, which the Nest server serves.
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const isChartLibrary = (id: string) => /[\\/]node_modules[\\/](echarts|zrender|vue-echarts)[\\/]/.test(id);

export default defineConfig({
  root: here('./web'),
  base: '/',
  plugins: [
    vue(),
    // Element Plus components and their CSS, imported where a template uses them (no full bundle)
    Components({
      dirs: [],
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: here('./web/components.d.ts'),
    }),
  ],
  // vue-i18n's build flags: the Composition API only, no devtools hooks in production
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    // the charts chunk (ECharts core, bar and pie only) is loaded by the supervision page alone, when it
    // draws (components/SupervisionChart.vue, loaded asynchronously). Not by manualChunks: a manual chunk
    // takes in its modules' dependencies too (Vue itself, by vue-echarts), and every page then loads it.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        chunkFileNames: (chunk) => (chunk.moduleIds.some(isChartLibrary) ? 'assets/charts-[hash].js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  // `npx vite` serves the pages with hot reload against a Docket server on port 3000
  server: { proxy: { '/api': 'http://localhost:3000' } },
});

// The web pages: Vue 3 + Element Plus, built from web/ into dist/web, which the Nest server serves.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const isChartLibrary = (id: string) => /[\\/]node_modules[\\/](echarts|zrender|vue-echarts)[\\/]/.test(id);

/**
 * Each text file of the build over 1 KB also as `.br` (brotli, best) and `.gz` (gzip, best) beside
 * it, made once here so that serving costs no compression: serveWeb (src/app.ts) sends the one
 * the browser accepts. Node's zlib, no plugin needed.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  let outDir = '';
  return {
    name: 'docket-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })).filter((f) => /\.(js|css|html|svg|json|txt)$/.test(f));
      await Promise.all(
        files.map(async (f) => {
          const path = join(outDir, f);
          if ((await stat(path)).size < 1024) return;
          const data = await readFile(path);
          const br = await brotli(data, {
            params: {
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
            },
          });
          await writeFile(`${path}.br`, br);
          await writeFile(`${path}.gz`, await gz(data, { level: constants.Z_BEST_COMPRESSION }));
        }),
      );
    },
  };
}

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
    precompress(),
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

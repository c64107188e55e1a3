import { createApp } from 'vue';
import 'dayjs/locale/zh-cn';
import App from './App.vue';
import { i18n } from './i18n';
import { restorePageLanguage } from './i18n/choice';
import { router } from './router';
import './styles.css';

restorePageLanguage();

// typed by vue-tsc; the linter's TypeScript does not read .vue files
// eslint-disable-next-line @typescript-eslint/no-unsafe-argument
createApp(App).use(i18n).use(router).mount('#app');

// Pages, each loaded when first visited; who may open which is said in `meta.roles`.
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { i18n } from './i18n';
import { whenUnauthenticated, type Role } from './lib/api';
import { restoreSession, session, signOut } from './lib/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** reachable without signing in */
    public?: boolean;
    /** only these roles (any of them) */
    roles?: Role[];
    /** message key of the page's title */
    title?: string;
  }
}

export const router = createRouter({
  history: createWebHistory('/'),
  scrollBehavior: () => ({ top: 0 }),
  routes: [
    { path: '/', redirect: '/workbench' },
    { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: 'nav.title.login' } },
    { path: '/public', component: () => import('./views/PublicView.vue'), meta: { public: true, title: 'nav.public' } },
    {
      path: '/public/filings',
      component: () => import('./views/PublicFilingsView.vue'),
      meta: { public: true, title: 'nav.title.publicFilings' },
    },
    { path: '/public/:id', component: () => import('./views/PublicView.vue'), meta: { public: true, title: 'nav.public' } },
    // a draft's own page: its text, the comment form while open, the adoption summary once complete
    {
      path: '/public/consultations/:id',
      component: () => import('./views/PublicView.vue'),
      meta: { public: true, title: 'nav.title.draft' },
    },
    { path: '/workbench', component: () => import('./views/WorkbenchView.vue'), meta: { title: 'nav.workbench' } },
    { path: '/notifications', component: () => import('./views/NotificationsView.vue'), meta: { title: 'nav.title.notifications' } },
    { path: '/cases', component: () => import('./views/CasesView.vue'), meta: { title: 'nav.cases' } },
    { path: '/cases/new', component: () => import('./views/NewCaseView.vue'), meta: { title: 'nav.newCase', roles: ['official'] } },
    { path: '/cases/:id', component: () => import('./views/CaseView.vue'), meta: { title: 'nav.title.case' } },
    { path: '/review', component: () => import('./views/ReviewQueueView.vue'), meta: { title: 'nav.review', roles: ['reviewer'] } },
    {
      path: '/secretariat',
      component: () => import('./views/SecretariatView.vue'),
      meta: { title: 'nav.title.secretariat', roles: ['secretariat'] },
    },
    {
      path: '/secretariat/catalogue',
      component: () => import('./views/CatalogueView.vue'),
      meta: { title: 'nav.title.catalogue', roles: ['secretariat', 'supervisor', 'admin'] },
    },
    {
      path: '/secretariat/cleanups',
      component: () => import('./views/CleanupsView.vue'),
      meta: { title: 'nav.cleanups', roles: ['secretariat', 'supervisor', 'admin'] },
    },
    {
      path: '/secretariat/cleanups/:id',
      component: () => import('./views/CleanupView.vue'),
      meta: { title: 'nav.cleanups', roles: ['secretariat', 'supervisor', 'admin'] },
    },
    {
      path: '/migrations',
      component: () => import('./views/MigrationsView.vue'),
      meta: { title: 'nav.migrations', roles: ['admin', 'supervisor'] },
    },
    {
      path: '/supervision',
      component: () => import('./views/SupervisionView.vue'),
      meta: { title: 'nav.supervision', roles: ['supervisor', 'admin', 'secretariat', 'reviewer'] },
    },
    {
      path: '/filings',
      component: () => import('./views/FilingsView.vue'),
      meta: { title: 'nav.filings', roles: ['filingReviewer', 'supervisor', 'admin'] },
    },
    { path: '/admin/users', component: () => import('./views/UsersView.vue'), meta: { title: 'nav.users', roles: ['admin'] } },
    {
      path: '/admin/departments',
      component: () => import('./views/DepartmentsView.vue'),
      meta: { title: 'nav.departments', roles: ['admin'] },
    },
    { path: '/:rest(.*)*', component: () => import('./views/NotFoundView.vue'), meta: { public: true, title: 'nav.title.notFound' } },
  ],
});

const loginFor = (to: RouteLocationNormalized) => ({
  path: '/login',
  query: to.fullPath !== '/workbench' ? { redirect: to.fullPath } : {},
});

router.beforeEach(async (to) => {
  await restoreSession();
  if (to.meta.public) return true;
  if (!session.me) return loginFor(to);
  if (to.meta.roles && !session.me.roles.some((r) => to.meta.roles!.includes(r))) return '/workbench';
  return true;
});

router.afterEach((to) => {
  const { t } = i18n.global;
  document.title = to.meta.title ? t('nav.title.suffix', { title: t(to.meta.title) }) : t('nav.title.plain');
});

// a session that expired while the page was open: back to sign-in, then back here
whenUnauthenticated(() => {
  signOut();
  const current = router.currentRoute.value;
  if (!current.meta.public) void router.push(loginFor(current));
});

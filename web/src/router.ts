// Pages, each loaded when first visited; who may open which is said in `meta.roles`.
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { whenUnauthenticated, type Role } from './lib/api';
import { restoreSession, session, signOut } from './lib/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** reachable without signing in */
    public?: boolean;
    /** only these roles (any of them) */
    roles?: Role[];
    title?: string;
  }
}

export const router = createRouter({
  history: createWebHistory('/'),
  scrollBehavior: () => ({ top: 0 }),
  routes: [
    { path: '/', redirect: '/workbench' },
    { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: '登录' } },
    { path: '/public', component: () => import('./views/PublicView.vue'), meta: { public: true, title: '公开征求意见' } },
    { path: '/public/:id', component: () => import('./views/PublicView.vue'), meta: { public: true, title: '公开征求意见' } },
    // a draft's own page: its text, the comment form while open, the adoption summary once complete
    {
      path: '/public/consultations/:id',
      component: () => import('./views/PublicView.vue'),
      meta: { public: true, title: '征求意见草案' },
    },
    { path: '/workbench', component: () => import('./views/WorkbenchView.vue'), meta: { title: '工作台' } },
    { path: '/notifications', component: () => import('./views/NotificationsView.vue'), meta: { title: '通知' } },
    { path: '/cases', component: () => import('./views/CasesView.vue'), meta: { title: '案件列表' } },
    { path: '/cases/new', component: () => import('./views/NewCaseView.vue'), meta: { title: '新建案件', roles: ['official'] } },
    { path: '/cases/:id', component: () => import('./views/CaseView.vue'), meta: { title: '案件' } },
    { path: '/review', component: () => import('./views/ReviewQueueView.vue'), meta: { title: '合法性审查', roles: ['reviewer'] } },
    {
      path: '/secretariat',
      component: () => import('./views/SecretariatView.vue'),
      meta: { title: '政府办公室待办', roles: ['secretariat'] },
    },
    {
      path: '/secretariat/catalogue',
      component: () => import('./views/CatalogueView.vue'),
      meta: { title: '年度决策事项目录', roles: ['secretariat', 'supervisor', 'admin'] },
    },
    {
      path: '/secretariat/cleanups',
      component: () => import('./views/CleanupsView.vue'),
      meta: { title: '规范性文件清理', roles: ['secretariat', 'supervisor', 'admin'] },
    },
    {
      path: '/secretariat/cleanups/:id',
      component: () => import('./views/CleanupView.vue'),
      meta: { title: '规范性文件清理', roles: ['secretariat', 'supervisor', 'admin'] },
    },
    {
      path: '/migrations',
      component: () => import('./views/MigrationsView.vue'),
      meta: { title: '程序版本迁移', roles: ['admin', 'supervisor'] },
    },
    {
      path: '/supervision',
      component: () => import('./views/SupervisionView.vue'),
      meta: { title: '监督看板', roles: ['supervisor', 'admin', 'secretariat', 'reviewer'] },
    },
    { path: '/admin/users', component: () => import('./views/UsersView.vue'), meta: { title: '用户管理', roles: ['admin'] } },
    {
      path: '/admin/departments',
      component: () => import('./views/DepartmentsView.vue'),
      meta: { title: '部门管理', roles: ['admin'] },
    },
    { path: '/:rest(.*)*', component: () => import('./views/NotFoundView.vue'), meta: { public: true, title: '页面不存在' } },
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
  document.title = to.meta.title ? `${to.meta.title} · Docket` : 'Docket 重大行政决策与规范性文件程序管理';
});

// a session that expired while the page was open: back to sign-in, then back here
whenUnauthenticated(() => {
  signOut();
  const current = router.currentRoute.value;
  if (!current.meta.public) void router.push(loginFor(current));
});

// Every area of the pages' words, gathered per language. An area is one file under areas/ with
// its Chinese and English side by side; its name here is the first part of each key
// (`t('login.submit')`).
import admin from './areas/admin';
import annual from './areas/annual';
import attachments from './areas/attachments';
import caseArea from './areas/case';
import cases from './areas/cases';
import catalogue from './areas/catalogue';
import cleanup from './areas/cleanup';
import common from './areas/common';
import diagram from './areas/diagram';
import history from './areas/history';
import login from './areas/login';
import migrations from './areas/migrations';
import nav from './areas/nav';
import newCase from './areas/newCase';
import notFound from './areas/notFound';
import notifications from './areas/notifications';
import workbench from './areas/workbench';
import office from './areas/office';
import papers from './areas/papers';
import form from './areas/form';
import event from './areas/event';
import filings from './areas/filings';
import review from './areas/review';
import secretariat from './areas/secretariat';
import supervision from './areas/supervision';
import records from './areas/records';
import publicArea from './areas/public';
import publicFilings from './areas/publicFilings';

const areas = {
  common,
  login,
  notFound,
  notifications,
  papers,
  attachments,
  annual,
  office,
  newCase,
  cleanup,
  catalogue,
  migrations,
  form,
  event,
  filings,
  review,
  secretariat,
  supervision,
  diagram,
  history,
  records,
  case: caseArea,
  nav,
  cases,
  workbench,
  admin,
  public: publicArea,
  publicFilings,
};

type Areas = typeof areas;

export const zhCN = Object.fromEntries(Object.entries(areas).map(([k, a]) => [k, a.zh])) as { [K in keyof Areas]: Areas[K]['zh'] };
export const enUS = Object.fromEntries(Object.entries(areas).map(([k, a]) => [k, a.en])) as { [K in keyof Areas]: Areas[K]['en'] };

// A first workbench: sign in, see your cases, and for each what you may do now and what the law
// stands in the way of, with its article. Everything is rendered with textContent (no HTML injection).
const $ = (s) => document.querySelector(s);
const PROCEDURE = { 'major-decision': '重大行政决策', 'normative-document': '行政规范性文件' };
let token = sessionStorage.getItem('docket-token');

async function api(path, options = {}) {
  const res = await fetch(path, {
    ...options,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const body = await res.json().catch(() => ({}));
  if (res.status === 401) {
    token = null;
    sessionStorage.removeItem('docket-token');
    show('login');
  }
  if (!res.ok) throw Object.assign(new Error(body.message || res.statusText), { body });
  return body;
}
function show(id) {
  for (const s of ['login', 'list', 'detail']) $('#' + s).hidden = s !== id;
}
function li(parent, text, extra) {
  const el = document.createElement('li');
  el.textContent = text;
  if (extra) {
    const s = document.createElement('div');
    s.className = 'basis';
    s.textContent = extra;
    el.appendChild(s);
  }
  parent.appendChild(el);
}
function zhDate(iso) {
  const d = new Date(iso);
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

async function loadList() {
  const me = await api('/api/me');
  $('#who').textContent = `${me.displayName}（${me.username}）`;
  const page = await api('/api/cases?pageSize=100');
  const tbody = $('#list tbody');
  tbody.replaceChildren();
  for (const c of page.items) {
    const tr = document.createElement('tr');
    for (const v of [c.title, PROCEDURE[c.procedure], c.department, c.stageLabel, zhDate(c.updatedAt)]) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.appendChild(td);
    }
    tr.onclick = () => {
      location.hash = c.id;
    };
    tbody.appendChild(tr);
  }
  show('list');
}

async function loadCase(id) {
  const c = await api(`/api/cases/${encodeURIComponent(id)}`);
  $('#case-title').textContent = c.title;
  $('#case-meta').textContent =
    `${PROCEDURE[c.procedure]} · 承办单位 ${c.department} · 当前阶段：${c.stageLabel} · 版本 ${c.version}${c.documentNumber ? ' · 文号 ' + c.documentNumber : ''}`;
  for (const id of ['#allowed', '#blocked', '#comments', '#history']) $(id).replaceChildren();
  for (const a of c.actions) {
    if (a.allowed) li($('#allowed'), a.label);
    else if (!a.blockers.some((b) => b.code === 'NOT_ALLOWED_IN_STAGE' || b.code === 'FORBIDDEN')) {
      li(
        $('#blocked'),
        `${a.label}：${a.blockers.map((b) => b.message).join('；')}`,
        `依据：${a.blockers.map((b) => b.legalBasis).join('；')}`,
      );
    }
  }
  for (const m of c.comments)
    li(
      $('#comments'),
      `${m.id} ${m.submitter ? m.submitter + '：' : ''}${m.content}`,
      m.disposition ? `处理：${m.disposition.disposition}（${m.disposition.reason}）` : '尚未处理',
    );
  const history = await api(`/api/cases/${encodeURIComponent(id)}/history`);
  for (const e of history) li($('#history'), `${e.occurredAt.slice(0, 10)} ${e.type}`, `记录于 ${zhDate(e.recordedAt)}，${e.actorRole}`);
  show('detail');
}

async function route() {
  if (!token) return show('login');
  try {
    location.hash.length > 1 ? await loadCase(location.hash.slice(1)) : await loadList();
  } catch (e) {
    if (token) alert(e.message);
  }
}

$('#login-form').onsubmit = async (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  try {
    ({ accessToken: token } = await api('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: f.get('username'), password: f.get('password') }),
    }));
    sessionStorage.setItem('docket-token', token);
    route();
  } catch (e) {
    $('#login-error').textContent = e.message;
  }
};
$('#back').onclick = (ev) => {
  ev.preventDefault();
  location.hash = '';
};
window.onhashchange = route;
route();

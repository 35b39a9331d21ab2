/* app.js - the renewal form page of `cpd serve`.
 *
 * The page holds one application document (docs/JSON.md) in memory and
 * nothing else: no cookie, no localStorage, no request to any other
 * origin.  Each edit changes that document; 300 ms after the last one it
 * is sent to POST /v1/check and the answer is shown: the decision, each
 * section's counted points against its cap, the total against the
 * requirement, and every diagnostic next to the field its JSON Pointer
 * names.  Save downloads the document, Open reads one, Print shows
 * POST /v1/report, Plan asks POST /v1/plan.  What the library knows the
 * page asks it: the fields, their labels, order and list separators
 * (GET /v1/fields), the words for decisions, severities, statuses and
 * the categories with their columns (GET /v1/labels), the sections and
 * caps (GET /v1/sections, GET /v1/policy); dates are sent as typed
 * (wareki included) and parsed by the engine. */
'use strict';
(function () {
  const TEXT = {
    ja: {
      skip: '入力欄へ移動', org: '一般社団法人 日本コンタクトセンター教育検定協会',
      title: 'プロフェッショナル資格 更新審査申請フォーム', tools: '操作',
      open: '開く', save: '保存', plan: '見通し', print: '印刷',
      lead: '入力すると、その場で更新の要件を確かめます。入力した内容はこのページと判定にだけ使い、サーバーには保存しません。保存は［保存］で、お使いの端末にファイルとして保存します。',
      applicant: '■申請者情報',
      date_hint: '日付は 令和9年2月3日、R9.2.3、2027/2/3、2027-02-03 のどれでも書けます。',
      omp: 'オペレーションマネジメントプロフェッショナル（OMP）',
      cap_q: 'コンタクトセンターアーキテクチャプロフェッショナル（CAP）',
      contact: '連絡先（申請内容について確認する場合がありますので、正確にご記入ください）',
      activities_a: '（Ａ）プロフェッショナル資格 更新申請書',
      activities_note: '資格認定期間に自己研鑽として行った活動を、カテゴリごとに記入してください。証明書類（受講証明書・研修参加票など）はファイル名を書き、写しを申請時に添付してください。',
      oath_title: '（Ｃ）倫理綱領・職業倫理規定および継続教育・学習方針の順守への宣誓書',
      oath: '上記の倫理綱領・職業倫理規定ならびに、継続教育・学習方針（CPD）を理解し、順守することに同意します。',
      other: 'そのほかの指摘', result: '判定',
      not_yet: '申請年月日と資格有効期日を入力すると判定します。',
      total: '合計', sums: '区分ごとの算入ポイント', section: '区分',
      counted: '算入', cap: '上限', period: '認定期間', window: '受付期間',
      diagnostics: '指摘事項', plan_title: '見通し（申請前の確認）',
      as_of: '基準日', plan_go: '確認', print_title: '印刷用の申請書',
      print_go: '印刷する', close: '閉じる',
      year_n: '（{n}年目）', unplaced: '区分未定（カテゴリと修了日を確かめてください）',
      col_points: 'CPDポイント', col_evidence: '証明書類（ファイル名）',
      col_state: '判定', col_category: 'カテゴリ',
      add_row: '＋ 行を追加', remove_row: '{where} を削除',
      row_where: '{section} の {n} 行目', sec_total: '合計', sec_cap: '上限',
      none: 'なし', claimed: '（申告 {x}）',
      d_none: '未判定', d_error: '判定できません',
      shortfall: 'あと {n} ポイント不足しています。',
      enough: '必要なポイントを満たしています。',
      unreachable: 'サーバーに接続できません（{status}）。入力は失われていません。',
      open_bad: 'このファイルは JSON として読めません。',
      open_not_object: 'このファイルは申請書（JSON オブジェクト）ではありません。',
      opened: 'ファイルを開きました。', saved: '申請書を JSON ファイルとして保存しました。',
      plan_needs: '基準日を日付で入力してください。',
      plan_counted: '{as_of} 時点の算入ポイント: {counted} / {required}（あと {needed}）',
      plan_reachable: '期限までに必要なポイントに届きます。',
      plan_unreachable: 'このままでは期限までに必要なポイントに届きません。',
      plan_room: '残り枠', plan_until: '修了期限', plan_any: '制限なし',
      plan_window: '受付期間 {opens}〜{closes}（{status}）',
      plan_wrong: 'すでにある問題',
      where_other: '申請書全体', where_activities: '活動（全体）',
      changed: '申請年月日と資格有効期日を入力すると判定します。'
    },
    en: {
      skip: 'Skip to the form', org: 'Japan Contact Center Education and Certification Association',
      title: 'Professional certification renewal application', tools: 'Actions',
      open: 'Open', save: 'Save', plan: 'Plan', print: 'Print',
      lead: 'The application is checked as you type. What you enter is used only by this page and the check; the server keeps nothing. Save keeps it as a file on your device.',
      applicant: '■ Applicant',
      date_hint: 'Dates may be written 令和9年2月3日, R9.2.3, 2027/2/3 or 2027-02-03.',
      omp: 'Operation Management Professional (OMP)',
      cap_q: 'Contact center Architecture Professional (CAP)',
      contact: 'Contact details (we may need to ask about the application: please write them exactly)',
      activities_a: '(A) Professional certification renewal application',
      activities_note: 'Write the activities of the certification period by category. Give the file names of the evidence (certificates of attendance, ...) and attach copies when you apply.',
      oath_title: '(C) Oath to the code of ethics and the CPD policy',
      oath: 'I understand the code of ethics and professional conduct and the CPD policy above, and agree to follow them.',
      other: 'Other findings', result: 'Result',
      not_yet: 'Enter the date of application and the certificate expiry to see the result.',
      total: 'Total', sums: 'Counted points by section', section: 'Section',
      counted: 'Counted', cap: 'Cap', period: 'Certification period', window: 'Application window',
      diagnostics: 'Findings', plan_title: 'Plan (before applying)',
      as_of: 'As of', plan_go: 'Check', print_title: 'The form for printing',
      print_go: 'Print', close: 'Close',
      year_n: ' (year {n})', unplaced: 'Not placed (check the category and the date)',
      col_points: 'CPD points', col_evidence: 'Evidence (file names)',
      col_state: 'Result', col_category: 'Category',
      add_row: '+ Add a row', remove_row: 'Remove {where}',
      row_where: 'row {n} of {section}', sec_total: 'Total', sec_cap: 'cap',
      none: 'none', claimed: ' (claimed {x})',
      d_none: 'not checked', d_error: 'cannot be checked',
      shortfall: '{n} more points are needed.',
      enough: 'The required points are met.',
      unreachable: 'The server cannot be reached ({status}). Nothing you typed is lost.',
      open_bad: 'This file cannot be read as JSON.',
      open_not_object: 'This file is not an application (a JSON object).',
      opened: 'The file was opened.', saved: 'The application was saved as a JSON file.',
      plan_needs: 'Enter a date for "As of".',
      plan_counted: 'Counted as of {as_of}: {counted} / {required} ({needed} more)',
      plan_reachable: 'The requirement can still be met in time.',
      plan_unreachable: 'The requirement cannot be met in time as it stands.',
      plan_room: 'Room', plan_until: 'Complete by', plan_any: 'any',
      plan_window: 'Window {opens} - {closes} ({status})',
      plan_wrong: 'Already wrong',
      where_other: 'The application', where_activities: 'Activities (all)',
      changed: ''
    }
  };
  const ROW_KEYS = ['category', 'title', 'completed_on', 'hours', 'points', 'evidence'];
  const DEBOUNCE_MS = 300;

  const state = {
    lang: 'ja', doc: {}, rows: [], fields: {}, order: [], labels: null,
    policy: null, policySections: [], sections: [],
    result: null, error: null, plan: null, seq: 0, timer: 0, ctrl: null,
    uid: 0, checks: 0
  };
  const $ = (sel, el) => (el || document).querySelector(sel);
  const $$ = (sel, el) => Array.from((el || document).querySelectorAll(sel));

  /* A word of the library (GET /v1/labels): kind 'decision', 'severity',
   * 'window_status' or 'activity_status'; which 'label' or 'note'. */
  function word(kind, name, which) {
    const l = state.labels && state.labels[kind] && state.labels[kind][name];
    if (!l) return name;
    return l[(which || 'label') + (state.lang === 'ja' ? '_ja' : '')];
  }
  /* A category's words (its name, group, column headings): key 'label',
   * 'group', 'title_column', 'date_column' or 'hours_column'. */
  function catWord(category, key) {
    const cats = (state.labels && state.labels.categories) || [];
    const c = cats.find((x) => x.category === category) || cats[0];
    return c ? c[key + (state.lang === 'ja' ? '_ja' : '')] : '';
  }

  function t(key, args) {
    let s = TEXT[state.lang][key];
    if (s === undefined) s = TEXT.ja[key] !== undefined ? TEXT.ja[key] : key;
    if (args) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in args ? String(args[k]) : m));
    return s;
  }
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function isObj(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }
  function pts(x) { return x === null || x === undefined ? t('none') : String(x); }

  /* --------------------------------------------------------- the document */

  function getAt(ptr) {
    let v = state.doc;
    for (const k of ptr.split('/').slice(1)) {
      if (!isObj(v) && !Array.isArray(v)) return undefined;
      v = v[k];
    }
    return v;
  }
  /* Sets (or, for undefined, removes) the value at a pointer of the
   * applicant's part; a container the form made and emptied goes too. */
  function setAt(ptr, value) {
    const keys = ptr.split('/').slice(1);
    const chain = [state.doc];
    let o = state.doc;
    for (const k of keys.slice(0, -1)) {
      if (!isObj(o[k])) {
        if (value === undefined) return;
        o[k] = {};
      }
      o = o[k];
      chain.push(o);
    }
    const last = keys[keys.length - 1];
    if (value === undefined) {
      delete o[last];
      for (let i = chain.length - 1; i > 0; i--) {
        if (Object.keys(chain[i]).length) break;
        delete chain[i - 1][keys[i - 1]];
      }
    } else {
      o[last] = value;
    }
  }
  /* A number as typed becomes a JSON number; anything else (３時間, 1,5)
   * stays text for the engine to read or to refuse. */
  function amount(text) {
    if (text.trim() === '') return undefined;
    return /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text;
  }
  /* The characters that separate the items of a list field's text: the
   * library's (GET /v1/fields), as the spreadsheet import splits them. */
  function separators(ptr) {
    const f = state.fields[ptr];
    return Array.from((f && f.separators) || ';');
  }
  function list(text, ptr) {
    const seps = separators(ptr), parts = [];
    let cur = '';
    for (const ch of text) {
      if (seps.includes(ch)) { parts.push(cur); cur = ''; } else cur += ch;
    }
    parts.push(cur);
    const items = parts.map((s) => s.trim()).filter((s) => s);
    return items.length ? items : undefined;
  }
  function shown(v, ptr) {
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
      return v.join(separators(ptr)[0] + ' ');
    }
    return JSON.stringify(v);
  }
  function ordered(v, keys) {
    if (!isObj(v)) return v;
    const out = {};
    for (const k of keys) if (k in v) out[k] = v[k];
    for (const k of Object.keys(v)) if (!(k in out)) out[k] = v[k];
    return out;
  }
  /* The document in the form's order (keys it does not know keep theirs,
   * after the known ones). */
  function documentText() {
    /* the keys of each object in the field table's order */
    const keys = (parent) => state.order.filter((p) => p.slice(0, p.lastIndexOf('/')) === parent)
      .map((p) => state.fields[p].key);
    const d = ordered(state.doc, keys(''));
    for (const k of Object.keys(d)) if (isObj(d[k])) d[k] = ordered(d[k], keys('/' + k));
    if (Array.isArray(d.activities)) {
      d.activities = d.activities.map((a) => isObj(a) ? ordered(a, keys('/activities/-')) : a);
    }
    return JSON.stringify(d, null, 2) + '\n';
  }

  /* ------------------------------------------------------------ sections */

  /* The policy's sections as a result lists them (GET /v1/sections), under
   * the form's group headings (■学習活動カテゴリ) of their categories. */
  function buildSections() {
    const box = $('#sections');
    let group = '';
    state.sections = [];
    for (const s of state.policySections) {
      const g = catWord(s.category, 'group');
      if (g !== group) {
        const h = el('h3', 'group-title', '');
        h.dataset.category = s.category;
        box.append(h);
        group = g;
      }
      box.append(sectionElement(s.section, s.category, s.year, s.cap));
    }
    box.append(sectionElement('', '', 0, null)); /* rows that could not be placed */
  }

  function sectionElement(id, category, year, cap) {
    const sec = $('#tpl-section').content.firstElementChild.cloneNode(true);
    sec.dataset.section = id;
    sec.dataset.category = category;
    sec.dataset.year = String(year);
    sec.id = id ? 'sec-' + id : 'sec-unplaced';
    sec.setAttribute('aria-label', id || 'unplaced');
    $('.sec-cap', sec).textContent = pts(cap);
    if (!id) sec.hidden = true;
    state.sections.push(sec);
    return sec;
  }

  function sectionOf(id) { return state.sections.find((s) => s.dataset.section === (id || '')); }

  function labelSections() {
    for (const h of $$('#sections .group-title')) {
      h.textContent = (state.lang === 'ja' ? '■' : '■ ') + catWord(h.dataset.category, 'group');
    }
    for (const sec of state.sections) {
      const cat = sec.dataset.category || 'A';
      const id = sec.dataset.section;
      const year = Number(sec.dataset.year);
      $('.sec-id', sec).textContent = id;
      $('.sec-name', sec).textContent = id
        ? catWord(cat, 'label') + (year ? t('year_n', { n: year }) : '') : t('unplaced');
      const head = $('.row-head', sec);
      $('.c-title', head).textContent = catWord(cat, 'title_column');
      $('.c-date', head).textContent = catWord(cat, 'date_column');
      $('.c-hours', head).textContent = catWord(cat, 'hours_column');
      $('.c-points', head).textContent = t('col_points');
      $('.c-evidence', head).textContent = t('col_evidence');
      $('.c-state', head).textContent = t('col_state');
      $('.add', sec).textContent = t('add_row');
      $('.add', sec).hidden = !id;
      $('.t-total', sec).textContent = t('sec_total');
      $('.t-cap', sec).textContent = t('sec_cap');
    }
    state.rows.forEach((r, i) => labelRow(r, i));
  }

  /* ---------------------------------------------------------------- rows */

  function rowWhere(i) {
    const r = state.rows[i];
    const id = r.el.closest('.cpd-section').dataset.section;
    const n = $$('.row', r.el.parentNode).indexOf(r.el) + 1;
    return t('row_where', { section: id || t('unplaced'), n: n });
  }

  function labelRow(r, i) {
    const sec = r.el.closest('.cpd-section');
    const cat = (sec && sec.dataset.category) || 'A';
    const where = rowWhere(i);
    for (const key of ROW_KEYS) {
      const cell = $('.c-' + (key === 'completed_on' ? 'date' : key), r.el);
      const label = $('label', cell);
      const name = key === 'title' ? catWord(cat, 'title_column')
        : key === 'hours' ? catWord(cat, 'hours_column')
          : key === 'completed_on' ? catWord(cat, 'date_column') : t('col_' + key);
      label.textContent = name;
      $('input', cell).setAttribute('aria-label', where + ' ' + name);
    }
    $('.remove', r.el).setAttribute('aria-label', t('remove_row', { where: where }));
    $('.remove', r.el).title = t('remove_row', { where: where });
  }

  function indexRow(r, i) {
    r.el.dataset.index = String(i);
    r.el.dataset.diag = '/activities/' + i;
    for (const key of ROW_KEYS) {
      const cell = $('.c-' + (key === 'completed_on' ? 'date' : key), r.el);
      cell.dataset.diag = '/activities/' + i + '/' + key;
    }
  }

  function rowElement(act, sectionId) {
    const li = $('#tpl-row').content.firstElementChild.cloneNode(true);
    const uid = ++state.uid;
    for (const key of ROW_KEYS) {
      const cell = $('.c-' + (key === 'completed_on' ? 'date' : key), li);
      const input = $('input', cell);
      input.id = 'a' + uid + '-' + key;
      $('label', cell).htmlFor = input.id;
      input.value = shown(isObj(act) ? act[key] : undefined, '/activities/-/' + key);
    }
    $('.c-category', li).hidden = !!sectionId;
    const r = { el: li };
    (sectionOf(sectionId) || sectionOf('')).querySelector('.rows').append(li);
    if (!sectionId) sectionOf('').hidden = false;
    return r;
  }

  /* Where the form shows an activity: its category and declared year;
   * null when the engine has to say (no year, or an unknown category). */
  function placeOf(act) {
    if (!isObj(act) || typeof act.category !== 'string') return null;
    const cat = act.category.normalize('NFKC').trim().toUpperCase();
    const sec = (state.policy.sections || []).find((s) => s.category === cat);
    if (!sec) return null;
    if (!sec.per_year) return cat;
    const y = Number(typeof act.year === 'string' ? act.year.normalize('NFKC') : act.year);
    return Number.isInteger(y) && y >= 1 && y <= state.policy.period_years ? cat + '-' + y : null;
  }

  function addRow(sec) {
    if (!Array.isArray(state.doc.activities)) state.doc.activities = [];
    const act = { category: sec.dataset.category };
    if (Number(sec.dataset.year)) act.year = Number(sec.dataset.year);
    state.doc.activities.push(act);
    const r = rowElement(act, sec.dataset.section);
    state.rows.push(r);
    indexRow(r, state.rows.length - 1);
    labelRow(r, state.rows.length - 1);
    $('input[data-key=title]', r.el).focus();
    changed();
  }

  function removeRow(i) {
    const r = state.rows[i];
    const sec = r.el.closest('.cpd-section');
    state.doc.activities.splice(i, 1);
    if (!state.doc.activities.length) delete state.doc.activities;
    state.rows.splice(i, 1);
    r.el.remove();
    state.rows.forEach((row, k) => { indexRow(row, k); labelRow(row, k); });
    if (!sec.dataset.section && !$('.row', sec)) sec.hidden = true;
    const add = $('.add', sec);
    (add && !add.hidden ? add : $('#btn-save')).focus();
    changed();
  }

  function rowInput(input) {
    const i = Number(input.closest('.row').dataset.index);
    const key = input.dataset.key;
    let act = state.doc.activities[i];
    if (!isObj(act)) act = state.doc.activities[i] = {};
    const text = input.value;
    const ptr = '/activities/-/' + key, f = state.fields[ptr];
    const kind = f ? f.kind : 'text';
    const v = kind === 'number' ? amount(text)
      : kind === 'text_list' ? list(text, ptr) : (text === '' ? undefined : text);
    if (v === undefined) delete act[key]; else act[key] = v;
    changed();
  }

  /* ------------------------------------------------------------- checking */

  function changed() {
    clearTimeout(state.timer);
    document.body.dataset.state = 'pending';
    state.timer = setTimeout(check, DEBOUNCE_MS);
  }

  function post(path, body, signal) {
    return fetch(path, {
      method: 'POST', body: body, signal: signal, cache: 'no-store',
      credentials: 'same-origin', referrerPolicy: 'no-referrer',
      headers: { 'Content-Type': 'application/json' }
    });
  }

  async function check() {
    clearTimeout(state.timer);
    const seq = ++state.seq;
    if (state.ctrl) state.ctrl.abort();
    const ctrl = state.ctrl = new AbortController();
    document.body.dataset.state = 'checking';
    try {
      const r = await post('/v1/check', JSON.stringify(state.doc), ctrl.signal);
      const body = await r.json();
      if (seq !== state.seq) return;
      if (r.status === 200) {
        state.result = body; state.error = null;
      } else if (body && body.error) {
        state.result = null; state.error = body.error;
      } else {
        throw new Error(String(r.status));
      }
      status('');
      placeRows();
      render();
    } catch (e) {
      if (e.name === 'AbortError' || seq !== state.seq) return;
      status(t('unreachable', { status: e.message }), true);
    } finally {
      if (seq === state.seq) {
        state.checks++;
        document.body.dataset.checks = String(state.checks);
        document.body.dataset.state = 'done';
      }
    }
  }

  /* Rows opened without a year (or with a category the form does not
   * know) go where the engine placed them. */
  function placeRows() {
    if (!state.result) return;
    let moved = false;
    state.rows.forEach((r, i) => {
      const here = r.el.closest('.cpd-section');
      const a = state.result.activities[i];
      if (here.dataset.section || !a || !a.section || !sectionOf(a.section)) return;
      sectionOf(a.section).querySelector('.rows').append(r.el);
      $('.c-category', r.el).hidden = true;
      moved = true;
    });
    if (moved) {
      const un = sectionOf('');
      un.hidden = !$('.row', un);
      state.rows.forEach((r, i) => labelRow(r, i));
    }
  }

  function status(text, bad) {
    const s = $('#status');
    s.textContent = text;
    s.classList.toggle('bad', !!bad);
  }

  /* ------------------------------------------------------------- showing */

  function render() {
    const res = state.result;
    const dec = $('#decision');
    const mini = $('#mini-decision');
    let cls = 'none', label = t('d_none'), note = t('not_yet');
    if (res) {
      cls = res.decision; label = word('decision', res.decision);
      note = word('decision', res.decision, 'note');
    } else if (state.error) {
      cls = 'none'; label = t('d_error');
      note = state.lang === 'ja' ? state.error.message_ja : state.error.message;
    }
    for (const b of [dec, mini]) { b.className = 'badge ' + cls; b.textContent = label; }
    document.body.dataset.decision = res ? res.decision : (state.error ? 'error' : 'none');
    $('#decision-note').textContent = note;
    const p = res ? res.points : null;
    $('#total').textContent = p ? String(p.counted) : '0';
    $('#required').textContent = p ? String(p.required) : String(state.policy.required_points);
    const meter = $('#meter');
    meter.max = p ? p.required : state.policy.required_points;
    meter.low = meter.max - 0.01;
    meter.optimum = meter.max;
    meter.value = p ? p.counted : 0;
    $('#mini-total').textContent = (p ? p.counted : 0) + ' / ' + meter.max;
    $('#shortfall').textContent = !p ? '' : p.shortfall > 0 ? t('shortfall', { n: p.shortfall }) : t('enough');
    renderSums(res);
    renderPeriod(res);
    renderRows(res);
    renderDiagnostics(res ? res.diagnostics
      : state.error ? [Object.assign({ severity: 'error' }, state.error)] : []);
  }

  function renderSums(res) {
    const body = $('#sums');
    body.textContent = '';
    for (const sec of state.sections) {
      const id = sec.dataset.section;
      if (!id) continue;
      const s = res && res.points.sections.find((x) => x.section === id);
      const out = $('.sec-counted', sec);
      out.textContent = s ? String(s.counted) : '0';
      $('.sec-claimed', sec).textContent = s && s.claimed > s.counted ? t('claimed', { x: s.claimed }) : '';
      if (s) $('.sec-cap', sec).textContent = pts(s.cap);
      $('.sec-total', sec).classList.toggle('over', !!s && s.claimed > s.counted);
      const tr = el('tr', s && s.claimed > s.counted ? 'over' : '');
      tr.append(el('td', '', id), el('td', 'num', s ? String(s.counted) + (s.claimed > s.counted ? ' (' + s.claimed + ')' : '') : '0'),
        el('td', 'num', pts(s ? s.cap : $('.sec-cap', sec).textContent)));
      body.append(tr);
    }
  }

  function renderPeriod(res) {
    if (!res) { $('#period').textContent = '—'; $('#window').textContent = '—'; }
    else {
      $('#period').textContent = res.period.starts_on + ' 〜 ' + res.period.expires_on;
      $('#window').textContent = res.window.opens_on + ' 〜 ' + res.window.closes_on +
        ' (' + word('window_status', res.window.status) + ')';
    }
    for (const sec of state.sections) {
      const y = Number(sec.dataset.year);
      const yr = res && y ? res.period.years.find((x) => x.year === y) : null;
      $('.sec-years', sec).textContent = yr ? yr.starts_on + ' 〜 ' + yr.ends_on : '';
    }
  }

  function renderRows(res) {
    state.rows.forEach((r, i) => {
      const out = $('.state', r.el);
      const a = res && res.activities[i];
      out.className = 'state' + (a ? ' ' + a.status : '');
      if (!a) { out.textContent = ''; return; }
      let text = word('activity_status', a.status);
      if (a.status !== 'rejected') text += ' ' + a.counted;
      if (a.status === 'partially_counted') text += ' / ' + a.claimed;
      const here = r.el.closest('.cpd-section').dataset.section;
      if (a.section && here && a.section !== here) text += ' → ' + a.section;
      out.textContent = text;
    });
  }

  function fieldName(ptr) {
    const m = /^\/activities\/(\d+)(\/([^/]+))?/.exec(ptr);
    if (m) {
      const i = Number(m[1]);
      const where = state.rows[i] ? rowWhere(i) : '#' + i;
      const f = m[3] && state.fields['/activities/-/' + m[3]];
      return where + (f ? ' ' + (state.lang === 'ja' ? f.label_ja : f.label) : '');
    }
    if (ptr === '/activities') return t('where_activities');
    let p = ptr;
    while (p && !state.fields[p]) p = p.slice(0, p.lastIndexOf('/'));
    const f = state.fields[p];
    return f ? (state.lang === 'ja' ? f.label_ja : f.label) : t('where_other');
  }

  /* The element a diagnostic belongs next to: the one whose data-diag is
   * its pointer, or the nearest one containing it. */
  function targetOf(ptr, map) {
    let p = ptr || '';
    while (p && !map.has(p)) p = p.slice(0, p.lastIndexOf('/'));
    return map.get(p) || $('#other');
  }

  function renderDiagnostics(list) {
    for (const d of $$('.diags')) d.textContent = '';
    for (const i of $$('[aria-invalid]')) { i.removeAttribute('aria-invalid'); i.removeAttribute('aria-describedby'); }
    for (const i of $$('input[data-hint]')) i.setAttribute('aria-describedby', i.dataset.hint);
    const map = new Map($$('[data-diag]').map((e) => [e.dataset.diag, e]));
    const ul = $('#diag-list');
    ul.textContent = '';
    list.forEach((d, k) => {
      const target = targetOf(d.path, map);
      const cell = target.classList.contains('cell') ? target : null;
      const box = cell ? $('.diags', cell.closest('.row')) : $(':scope > .diags', target) || $('#other .diags');
      const msg = state.lang === 'ja' ? d.message_ja : d.message;
      const p = el('p', 'diag sev-' + d.severity);
      p.id = 'diag-' + k;
      p.dataset.code = d.code;
      p.dataset.path = d.path;
      p.append(el('span', 'sev', word('severity', d.severity)));
      if (cell) p.append(el('span', 'col', $('label', cell).textContent + ': '));
      p.append(el('span', 'msg', msg), el('code', '', d.code));
      box.append(p);
      const input = cell ? $('input', cell) : $('input', target);
      if (input && target !== $('#sections')) {
        if (d.severity === 'error' || d.severity === 'fatal') input.setAttribute('aria-invalid', 'true');
        const was = input.getAttribute('aria-describedby');
        input.setAttribute('aria-describedby', (was ? was + ' ' : '') + p.id);
      }
      const li = el('li');
      const b = el('button', 'sev-' + d.severity);
      b.type = 'button';
      b.append(el('span', 'sev', word('severity', d.severity)), el('span', '', msg),
        el('span', 'where', fieldName(d.path) + ' ' + (d.path || '/')));
      b.addEventListener('click', () => {
        const f = input || $('button, input', target) || target;
        f.scrollIntoView({ block: 'center' });
        if (f.focus) f.focus();
      });
      li.append(b);
      ul.append(li);
    });
    $('#diag-count').textContent = '(' + list.length + ')';
    const other = $('#other');
    other.hidden = !$('.diag', other);
  }

  /* ----------------------------------------------------------- the form */

  function fill() {
    for (const input of $$('#form input[data-pointer]')) {
      if (input.closest('.row')) continue;
      const v = getAt(input.dataset.pointer);
      if (input.type === 'radio') {
        input.checked = typeof v === 'string' && v.normalize('NFKC').trim().toUpperCase() === input.value;
      } else if (input.type === 'checkbox') {
        input.checked = v === true;
      } else {
        input.value = shown(v, input.dataset.pointer);
      }
    }
    for (const r of state.rows) r.el.remove();
    state.rows = [];
    const acts = Array.isArray(state.doc.activities) ? state.doc.activities : [];
    acts.forEach((a, i) => {
      const r = rowElement(a, placeOf(a));
      state.rows.push(r);
      indexRow(r, i);
    });
    sectionOf('').hidden = !$('.row', sectionOf(''));
    state.rows.forEach((r, i) => labelRow(r, i));
  }

  function onInput(e) {
    const input = e.target;
    if (!(input instanceof HTMLInputElement)) return;
    if (input.closest('.row')) { rowInput(input); return; }
    const ptr = input.dataset.pointer;
    if (!ptr) return;
    if (input.type === 'checkbox') setAt(ptr, input.checked);
    else if (input.type === 'radio') { if (input.checked) setAt(ptr, input.value); }
    else setAt(ptr, input.value === '' ? undefined : input.value);
    changed();
  }

  function applyLang() {
    const ja = state.lang === 'ja';
    document.documentElement.lang = state.lang;
    document.title = t('title');
    for (const e of $$('[data-t]')) e.textContent = t(e.dataset.t);
    for (const e of $$('[data-t-aria]')) e.setAttribute('aria-label', t(e.dataset.tAria));
    for (const e of $$('[data-t-title]')) e.title = t(e.dataset.tTitle);
    for (const e of $$('[data-label]')) {
      const f = state.fields[e.dataset.label];
      if (!f) continue;
      e.textContent = ja ? f.label_ja : f.label;
      e.classList.toggle('req', !!f.required);
    }
    const b = $('#btn-lang');
    b.textContent = ja ? 'English' : '日本語';
    b.lang = ja ? 'en' : 'ja';
    labelSections();
    render();
    if (state.plan) renderPlan(state.plan);
  }

  /* ---------------------------------------------------------- the tools */

  function save() {
    const blob = new Blob([documentText()], { type: 'application/json' });
    const a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'renewal-application.json';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
    status(t('saved'));
  }

  async function open(file) {
    let doc;
    try {
      doc = JSON.parse((await file.text()).replace(/^\uFEFF/, ''));
    } catch (e) {
      status(t('open_bad'), true);
      return;
    }
    if (!isObj(doc)) { status(t('open_not_object'), true); return; }
    state.doc = doc;
    state.result = null;
    state.error = null;
    fill();
    status(t('opened'));
    await check();
  }

  async function printForm() {
    const q = '?lang=' + state.lang + '&include_personal=true';
    try {
      const r = await post('/v1/report' + q, JSON.stringify(state.doc));
      if (r.status !== 200) {
        const e = (await r.json()).error;
        status(state.lang === 'ja' ? e.message_ja : e.message, true);
        return;
      }
      const html = await r.text();
      const frame = $('#print-frame');
      frame.srcdoc = html;
      const dlg = $('#print-dialog');
      if (!dlg.open) dlg.showModal();
      $('#btn-print-go').focus();
    } catch (e) {
      status(t('unreachable', { status: e.message }), true);
    }
  }

  function today() {
    const d = new Date();
    const z = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + z(d.getMonth() + 1) + '-' + z(d.getDate());
  }

  async function plan() {
    const asOf = $('#plan-as-of').value.trim();
    if (!asOf) { status(t('plan_needs'), true); return; }
    try {
      const r = await post('/v1/plan?as_of=' + encodeURIComponent(asOf), JSON.stringify(state.doc));
      const body = await r.json();
      if (r.status !== 200) {
        state.plan = null;
        $('#plan-out').textContent = state.lang === 'ja' ? body.error.message_ja : body.error.message;
        return;
      }
      state.plan = body;
      renderPlan(body);
      document.body.dataset.plan = 'done';
    } catch (e) {
      status(t('unreachable', { status: e.message }), true);
    }
  }

  function renderPlan(p) {
    const out = $('#plan-out');
    out.textContent = '';
    out.append(el('p', '', t('plan_counted', {
      as_of: p.as_of, counted: p.points.counted, required: p.points.required, needed: p.points.needed
    })));
    out.append(el('p', 'advice', state.lang === 'ja' ? p.advice_ja : p.advice));
    out.append(el('p', '', p.reachable ? t('plan_reachable') : t('plan_unreachable')));
    out.append(el('p', '', t('plan_window', {
      opens: p.window.opens_on, closes: p.window.closes_on,
      status: word('window_status', p.window.status)
    })));
    const table = el('table');
    const head = el('tr');
    head.append(el('th', '', t('section')), el('th', 'num', t('counted')),
      el('th', 'num', t('plan_room')), el('th', '', t('plan_until')));
    table.append(head);
    for (const s of p.sections) {
      if (!s.open) continue;
      const tr = el('tr');
      tr.append(el('td', '', s.section), el('td', 'num', String(s.counted)),
        el('td', 'num', s.room === null ? t('plan_any') : String(s.room)), el('td', '', s.open_until));
      table.append(tr);
    }
    out.append(table);
    if (p.diagnostics.length) {
      out.append(el('p', '', t('plan_wrong') + ' (' + p.diagnostics.length + ')'));
      const ul = el('ul');
      for (const d of p.diagnostics) ul.append(el('li', 'sev-' + d.severity, state.lang === 'ja' ? d.message_ja : d.message));
      out.append(ul);
    }
  }

  /* ----------------------------------------------------------- starting */

  async function getJSON(path) {
    const r = await fetch(path, { cache: 'no-store', credentials: 'same-origin' });
    if (!r.ok) throw new Error(path + ': ' + r.status);
    return r.json();
  }

  async function start() {
    try {
      const [fields, labels, sections, policy] = await Promise.all([getJSON('/v1/fields'),
        getJSON('/v1/labels'), getJSON('/v1/sections'), getJSON('/v1/policy')]);
      for (const f of fields.fields) {
        state.fields[f.pointer] = f;
        state.order.push(f.pointer);
      }
      state.labels = labels;
      state.policySections = sections.sections;
      state.policy = policy;
    } catch (e) {
      status(t('unreachable', { status: e.message }), true);
      return;
    }
    buildSections();
    for (const i of $$('input[aria-describedby]')) i.dataset.hint = i.getAttribute('aria-describedby');
    document.addEventListener('input', onInput);
    document.addEventListener('change', (e) => {
      if (e.target.type === 'radio' || e.target.type === 'checkbox') onInput(e);
    });
    $('#sections').addEventListener('click', (e) => {
      const add = e.target.closest('.add');
      if (add) { addRow(add.closest('.cpd-section')); return; }
      const rm = e.target.closest('.remove');
      if (rm) removeRow(Number(rm.closest('.row').dataset.index));
    });
    $('#btn-lang').addEventListener('click', () => { state.lang = state.lang === 'ja' ? 'en' : 'ja'; applyLang(); });
    $('#btn-save').addEventListener('click', save);
    $('#btn-open').addEventListener('click', () => $('#file-open').click());
    $('#file-open').addEventListener('change', (e) => {
      const f = e.target.files[0];
      e.target.value = '';
      if (f) open(f);
    });
    $('#btn-print').addEventListener('click', printForm);
    $('#btn-print-go').addEventListener('click', () => $('#print-frame').contentWindow.print());
    $('#btn-print-close').addEventListener('click', () => $('#print-dialog').close());
    $('#btn-plan').addEventListener('click', () => {
      if (!$('#plan-as-of').value) $('#plan-as-of').value = today();
      $('#plan').scrollIntoView({ block: 'start' });
      plan();
    });
    $('#btn-plan-go').addEventListener('click', plan);
    $('#plan-as-of').addEventListener('keydown', (e) => { if (e.key === 'Enter') plan(); });
    applyLang();
    document.body.dataset.ready = '1';
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

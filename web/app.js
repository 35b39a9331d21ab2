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
      omp: 'オペレーションマネジメントプロフェショナル（OMP）',
      cap_q: 'コンタクトセンターアーキテクチャプロフェショナル（CAP）',
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
      row_where: '活動 {n}（{section}）', act_n: '活動 {n}', sec_total: '合計', sec_cap: '上限',
      new_form: '新規',
      new_confirm: '保存していない入力があります。消して新しい申請書を始めますか？',
      open_confirm: '保存していない入力があります。開いたファイルで置き換えますか？',
      leave_warn: '保存していない入力があります。',
      restored_draft: 'このタブで入力していた内容を戻しました。［新規］で消せます。',
      cleared: '新しい申請書を始めました。',
      removed: '{where} を削除しました。', undo: '元に戻す', undone: '{where} を戻しました。',
      moved: '{what} は修了日により {section} に移りました。',
      hidden_n: 'まだ入力していない項目の指摘が {n} 件あります。保存・印刷・見通しのときに示します。',
      show_all: 'すべて表示', codes: '事務局用のコード',
      decision_live: '判定は {d} です（{c} / {r} ポイント）。',
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
      where_other: '申請書全体',
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
      row_where: 'activity {n} ({section})', act_n: 'Activity {n}', sec_total: 'Total', sec_cap: 'cap',
      new_form: 'New',
      new_confirm: 'Some of what you typed is not saved. Clear it and start a new application?',
      open_confirm: 'Some of what you typed is not saved. Replace it with the file?',
      leave_warn: 'Some of what you typed is not saved.',
      restored_draft: 'What you typed in this tab is back. "New" clears it.',
      cleared: 'A new application was started.',
      removed: '{where} was removed.', undo: 'Undo', undone: '{where} is back.',
      moved: '{what} moved to {section} by its completion date.',
      hidden_n: '{n} more findings are about fields you have not filled in yet; they are shown when you save, print or plan.',
      show_all: 'Show all', codes: 'Codes for the office',
      decision_live: 'The result is {d} ({c} / {r} points).',
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
      where_other: 'The application',
      changed: ''
    }
  };
  const ROW_KEYS = ['category', 'title', 'completed_on', 'hours', 'points', 'evidence'];
  /* A field is checked when it is left, or after this pause in typing
   * (never while an input method is composing). */
  const PAUSE_MS = 800;
  const UNDO_MS = 10000;
  /* The draft of this tab (sessionStorage: gone with the tab). */
  const DRAFT = 'cpd-form-draft';

  const state = {
    lang: 'ja', doc: {}, rows: [], fields: {}, order: [], labels: null,
    policy: null, policySections: [], sections: [],
    result: null, error: null, plan: null, seq: 0, timer: 0, ctrl: null,
    uid: 0, checks: 0,
    /* the inputs the person has typed into (their findings are shown), and
     * whether they asked for everything (save, print, plan, show all) */
    touched: new Set(), attempted: false, composing: false,
    /* the document's text when last saved, opened or started: what
     * differs is unsaved */
    baseline: '', removed: null, undoTimer: 0, statusMsg: null, spoken: ''
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

  /* A row is named as the library's messages name its activity (活動 4:
   * the 4th of the document), with the section it is shown in. */
  function rowWhere(i) {
    const r = state.rows[i];
    const id = r.el.closest('.cpd-section').dataset.section;
    return t('row_where', { section: id || t('unplaced'), n: i + 1 });
  }

  function labelRow(r, i) {
    const sec = r.el.closest('.cpd-section');
    const cat = (sec && sec.dataset.category) || 'A';
    const where = rowWhere(i);
    $('.no', r.el).textContent = t('act_n', { n: i + 1 });
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
    /* no year: the engine places the row by its date, and the page moves
     * it there (placeRows); a year is the person's to write */
    const act = { category: sec.dataset.category };
    state.doc.activities.push(act);
    const r = rowElement(act, sec.dataset.section);
    state.rows.push(r);
    indexRow(r, state.rows.length - 1);
    labelRow(r, state.rows.length - 1);
    $('input[data-key=title]', r.el).focus();
    changed();
  }

  /* Removes a row at once; for UNDO_MS the toast offers it back, in its
   * place and with its number. */
  function removeRow(i) {
    const r = state.rows[i];
    const sec = r.el.closest('.cpd-section');
    const where = rowWhere(i);
    const act = state.doc.activities.splice(i, 1)[0];
    if (!state.doc.activities.length) delete state.doc.activities;
    state.removed = { i: i, act: act, r: r, parent: r.el.parentNode, next: r.el.nextElementSibling, where: where };
    state.rows.splice(i, 1);
    r.el.remove();
    state.rows.forEach((row, k) => { indexRow(row, k); labelRow(row, k); });
    if (!sec.dataset.section && !$('.row', sec)) sec.hidden = true;
    const add = $('.add', sec);
    (add && !add.hidden ? add : $('#btn-save')).focus();
    toast('removed', { where: where }, true);
    changed(true);
  }

  function undoRemove() {
    const u = state.removed;
    if (!u) return;
    state.removed = null;
    if (!Array.isArray(state.doc.activities)) state.doc.activities = [];
    const i = Math.min(u.i, state.doc.activities.length);
    state.doc.activities.splice(i, 0, u.act);
    state.rows.splice(i, 0, u.r);
    const sec = u.parent.closest('.cpd-section');
    u.parent.insertBefore(u.r.el, u.next && u.next.parentNode === u.parent ? u.next : null);
    sec.hidden = false;
    state.rows.forEach((row, k) => { indexRow(row, k); labelRow(row, k); });
    const first = $$('input', u.r.el).find(visible);
    if (first) first.focus();
    toast('undone', { where: rowWhere(i) }, false);
    changed(true);
  }

  /* The toast under the page: what just happened, and its undo. */
  function toast(key, args, undo) {
    const box = $('#toast');
    clearTimeout(state.undoTimer);
    state.toastMsg = { key: key, args: args };
    $('.toast-msg', box).textContent = t(key, args);
    $('#btn-undo').hidden = !undo;
    box.hidden = false;
    state.undoTimer = setTimeout(() => {
      box.hidden = true;
      state.removed = state.toastMsg = null;
    }, UNDO_MS);
  }

  function visible(e) { return !!(e && e.getClientRects().length); }

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

  /* The document changed: the draft is kept at once, the check waits for
   * a pause in typing (now: at once, e.g. a field was left). */
  function changed(now) {
    saveDraft();
    clearTimeout(state.timer);
    document.body.dataset.state = 'pending';
    state.timer = setTimeout(check, now ? 0 : PAUSE_MS);
  }

  /* -------------------------------------------------------- the draft */

  function dirty() { return documentText() !== state.baseline; }

  /* The document, where each row is shown and what was asked, in this
   * tab's sessionStorage: a reload brings it back; closing the tab or
   * "New" ends it.  Nothing is stored anywhere else. */
  function saveDraft() {
    try {
      sessionStorage.setItem(DRAFT, JSON.stringify({
        doc: state.doc, baseline: state.baseline, attempted: state.attempted,
        places: state.rows.map((r) => r.el.closest('.cpd-section').dataset.section)
      }));
    } catch (e) { /* storage full or refused: the page still works */ }
  }

  function loadDraft() {
    let d = null;
    try { d = JSON.parse(sessionStorage.getItem(DRAFT) || 'null'); } catch (e) { d = null; }
    if (!isObj(d) || !isObj(d.doc)) return false;
    state.doc = d.doc;
    state.baseline = typeof d.baseline === 'string' ? d.baseline : '';
    state.attempted = d.attempted === true;
    fill(Array.isArray(d.places) ? d.places : null);
    for (const i of $$('#form input')) if (i.value || i.checked) state.touched.add(i.id || i.name);
    return true;
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
      if (state.statusMsg && state.statusMsg.key === 'unreachable') status(null);
      placeRows();
      render();
    } catch (e) {
      if (e.name === 'AbortError' || seq !== state.seq) return;
      status('unreachable', { status: e.message }, true);
    } finally {
      if (seq === state.seq) {
        state.checks++;
        document.body.dataset.checks = String(state.checks);
        document.body.dataset.state = 'done';
      }
    }
  }

  /* Rows follow their data: a row goes to the section the engine counts
   * it in (its date decides the year, its category the section), in the
   * document's order there; the focus stays in it, and the move is
   * announced. */
  function placeRows() {
    if (!state.result) return;
    const moved = [];
    const focus = document.activeElement;
    state.rows.forEach((r, i) => {
      const here = r.el.closest('.cpd-section');
      const a = state.result.activities[i];
      if (!a || !a.section || a.section === here.dataset.section || !sectionOf(a.section)) return;
      const rows = $('.rows', sectionOf(a.section));
      const after = $$('.row', rows).find((x) => Number(x.dataset.index) > i);
      rows.insertBefore(r.el, after || null);
      $('.c-category', r.el).hidden = true;
      /* a row leaving "not placed" (an opened file's) is put in place, not moved */
      moved.push({ i: i, announce: !!here.dataset.section });
    });
    if (!moved.length) return;
    const un = sectionOf('');
    un.hidden = !$('.row', un);
    state.rows.forEach((r, i) => labelRow(r, i));
    if (focus && focus !== document.activeElement && focus.isConnected) focus.focus();
    if (moved.some((m) => state.rows[m.i].el.contains(focus))) {
      focus.scrollIntoView({ block: 'center' });
    }
    const told = moved.find((m) => m.announce);
    if (told) {
      status('moved', { what: t('act_n', { n: told.i + 1 }), section: state.result.activities[told.i].section });
    }
    saveDraft();
  }

  /* The status line: a message by its key, so that it follows the
   * language; bad ones in red. */
  function status(key, args, bad) {
    state.statusMsg = key ? { key: key, args: args, bad: !!bad } : null;
    showStatus();
  }
  function statusText(text, bad) {
    state.statusMsg = text ? { text: text, bad: !!bad } : null;
    showStatus();
  }
  function showStatus() {
    const m = state.statusMsg;
    const s = $('#status');
    s.textContent = !m ? '' : m.key ? t(m.key, m.args) : m.text;
    s.classList.toggle('bad', !!(m && m.bad));
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
    /* a screen reader hears a change of the decision, not every check */
    const spoken = res ? t('decision_live', { d: label, c: p.counted, r: p.required }) : label;
    if (spoken !== state.spoken) {
      state.spoken = spoken;
      $('#decision-live').textContent = res || state.error ? spoken : '';
    }
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

  /* The inputs a finding is about: a field's, a cell's, or (a row) the
   * row's; none for the whole list or the application. */
  function inputsOf(target, cell) {
    if (cell) return [$('input', cell)];
    if (target.classList.contains('field') || target.classList.contains('row')) {
      return $$('input', target).filter((i) => !i.closest('.cell[hidden]'));
    }
    return [];
  }

  /* Whether a finding is shown yet: a field is judged once the person has
   * typed into it (after a pause, or when it is left); the rest waits
   * until they save, print, plan or ask for all.  Findings about the
   * whole application show at once. */
  function judged(inputs) {
    return state.attempted || !inputs.length ||
      inputs.some((i) => state.touched.has(i.id || i.name));
  }

  /* Where a finding's link goes: the input it names, else the row's (or
   * field's) first input, else the heading of the part it is about. */
  function focusTarget(target, inputs) {
    const input = inputs.find(visible);
    if (input) return input;
    if (target.id === 'sections') return $('#h-activities');
    const head = $('h2, h3', target);
    return head || $('#h-other');
  }

  function goTo(f) {
    f.focus({ preventScroll: true });
    /* centred: clear of the sticky bar on narrow screens */
    f.scrollIntoView({ block: 'center' });
  }

  function renderDiagnostics(list) {
    for (const d of $$('.diags')) d.textContent = '';
    for (const i of $$('[aria-invalid]')) { i.removeAttribute('aria-invalid'); i.removeAttribute('aria-describedby'); }
    for (const i of $$('input[data-hint]')) i.setAttribute('aria-describedby', i.dataset.hint);
    const map = new Map($$('[data-diag]').map((e) => [e.dataset.diag, e]));
    const ul = $('#diag-list');
    ul.textContent = '';
    let waiting = 0, shownN = 0;
    list.forEach((d, k) => {
      const target = targetOf(d.path, map);
      const cell = target.classList.contains('cell') ? target : null;
      const inputs = inputsOf(target, cell);
      if (!judged(inputs)) { waiting++; return; }
      shownN++;
      const box = cell ? $('.diags', cell.closest('.row')) : $(':scope > .diags', target) || $('#other .diags');
      const msg = state.lang === 'ja' ? d.message_ja : d.message;
      const sev = word('severity', d.severity) + (state.lang === 'ja' ? '：' : ': ');
      const p = el('p', 'diag sev-' + d.severity);
      p.id = 'diag-' + k;
      p.dataset.code = d.code;
      p.dataset.path = d.path;
      p.append(el('span', 'sev', sev));
      if (cell) p.append(el('span', 'col', $('label', cell).textContent + (state.lang === 'ja' ? '：' : ': ')));
      p.append(el('span', 'msg', msg));
      box.append(p);
      if (target !== $('#sections')) {
        for (const input of inputs) {
          if (d.severity === 'error' || d.severity === 'fatal') input.setAttribute('aria-invalid', 'true');
          const was = input.getAttribute('aria-describedby');
          input.setAttribute('aria-describedby', (was ? was + ' ' : '') + p.id);
        }
      }
      const li = el('li');
      const b = el('button', 'sev-' + d.severity);
      b.type = 'button';
      b.dataset.path = d.path;
      b.append(el('span', 'sev', sev), el('span', 'msg', msg), el('span', 'where', fieldName(d.path)));
      b.addEventListener('click', () => goTo(focusTarget(target, inputs)));
      /* the codes stay for the office, folded away */
      const codes = el('details', 'codes');
      codes.append(el('summary', '', t('codes')), el('code', '', d.code + ' ' + (d.path || '/')));
      li.append(b, codes);
      ul.append(li);
    });
    if (waiting) {
      const li = el('li', 'waiting');
      li.append(el('span', '', t('hidden_n', { n: waiting })));
      const all = el('button', 'show-all', t('show_all'));
      all.type = 'button';
      all.id = 'btn-show-all';
      all.addEventListener('click', () => { state.attempted = true; saveDraft(); render(); $('#diag-list button').focus(); });
      li.append(all);
      ul.append(li);
    }
    $('#diag-count').textContent = '(' + shownN + ')';
    const other = $('#other');
    other.hidden = !$('.diag', other);
  }

  /* ----------------------------------------------------------- the form */

  /* The form from state.doc; places: the section each row was shown in
   * (a restored draft), else each row's own category and year. */
  function fill(places) {
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
      const at = places && typeof places[i] === 'string' && sectionOf(places[i]) ? places[i] : placeOf(a);
      const r = rowElement(a, at);
      state.rows.push(r);
      indexRow(r, i);
    });
    sectionOf('').hidden = !$('.row', sectionOf(''));
    state.rows.forEach((r, i) => labelRow(r, i));
  }

  function onInput(e) {
    const input = e.target;
    if (!(input instanceof HTMLInputElement) || !input.closest('#form')) return;
    /* an input method's text is not typed until it is committed
     * (compositionend) */
    if (e.isComposing || state.composing) return;
    state.touched.add(input.id || input.name);
    if (input.closest('.row')) { rowInput(input); return; }
    const ptr = input.dataset.pointer;
    if (!ptr) return;
    if (input.type === 'checkbox') setAt(ptr, input.checked);
    else if (input.type === 'radio') { if (input.checked) setAt(ptr, input.value); }
    else setAt(ptr, input.value === '' ? undefined : input.value);
    changed(input.type === 'checkbox' || input.type === 'radio');
  }

  /* Leaving a field that was typed into checks it at once. */
  function onLeave(e) {
    if (!(e.target instanceof HTMLInputElement) || !e.target.closest('#form')) return;
    if (document.body.dataset.state === 'pending') changed(true);
  }

  /* Everything is judged from now on (save, print, plan, show all). */
  function attempt() {
    if (state.attempted) return;
    state.attempted = true;
    saveDraft();
    render();
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
    showStatus();
    if (state.toastMsg) $('.toast-msg').textContent = t(state.toastMsg.key, state.toastMsg.args);
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
    state.baseline = documentText();
    attempt();
    saveDraft();
    status('saved');
  }

  /* Starts a new application: asks first when there is unsaved work. */
  function newForm() {
    if (dirty() && !window.confirm(t('new_confirm'))) return;
    clearTimeout(state.timer);
    if (state.ctrl) state.ctrl.abort();
    state.seq++;
    state.doc = {};
    state.result = null;
    state.error = null;
    state.attempted = false;
    state.touched.clear();
    state.baseline = documentText();
    try { sessionStorage.removeItem(DRAFT); } catch (e) { /* nothing kept */ }
    fill();
    render();
    status('cleared');
    $('#f-applied_on').focus();
  }

  async function open(file) {
    if (dirty() && !window.confirm(t('open_confirm'))) return;
    let doc;
    try {
      doc = JSON.parse((await file.text()).replace(/^\uFEFF/, ''));
    } catch (e) {
      status('open_bad', null, true);
      return;
    }
    if (!isObj(doc)) { status('open_not_object', null, true); return; }
    state.doc = doc;
    state.result = null;
    state.error = null;
    /* a file is finished work: every finding is shown */
    state.attempted = true;
    state.touched.clear();
    state.baseline = documentText();
    fill();
    saveDraft();
    status('opened');
    await check();
  }

  async function printForm() {
    attempt();
    const q = '?lang=' + state.lang + '&include_personal=true';
    try {
      const r = await post('/v1/report' + q, JSON.stringify(state.doc));
      if (r.status !== 200) {
        const e = (await r.json()).error;
        statusText(state.lang === 'ja' ? e.message_ja : e.message, true);
        return;
      }
      const html = await r.text();
      const frame = $('#print-frame');
      frame.srcdoc = html;
      const dlg = $('#print-dialog');
      if (!dlg.open) dlg.showModal();
      $('#btn-print-go').focus();
    } catch (e) {
      status('unreachable', { status: e.message }, true);
    }
  }

  function today() {
    const d = new Date();
    const z = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + z(d.getMonth() + 1) + '-' + z(d.getDate());
  }

  async function plan() {
    attempt();
    const asOf = $('#plan-as-of').value.trim();
    if (!asOf) { status('plan_needs', null, true); return; }
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
      status('unreachable', { status: e.message }, true);
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
      status('unreachable', { status: e.message }, true);
      return;
    }
    buildSections();
    for (const i of $$('input[aria-describedby]')) i.dataset.hint = i.getAttribute('aria-describedby');
    document.addEventListener('input', onInput);
    document.addEventListener('change', (e) => {
      if (e.target.type === 'radio' || e.target.type === 'checkbox') onInput(e);
    });
    document.addEventListener('compositionstart', () => { state.composing = true; });
    document.addEventListener('compositionend', (e) => {
      state.composing = false;
      onInput({ target: e.target, isComposing: false });
    });
    document.addEventListener('focusout', onLeave);
    window.addEventListener('beforeunload', (e) => {
      if (!dirty()) return;
      e.preventDefault();
      e.returnValue = t('leave_warn');
    });
    $('#btn-new').addEventListener('click', newForm);
    $('#btn-undo').addEventListener('click', undoRemove);
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
    state.baseline = documentText();
    const restored = loadDraft();
    applyLang();
    if (restored) {
      status('restored_draft');
      check();
    }
    document.body.dataset.ready = '1';
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

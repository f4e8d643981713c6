// Sieve's web page: talks to the API of the same server (/api/*); no libraries, no build step.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { file: null, width: 0, height: 0, urls: [] };
const view = { scale: 1, x: 0, y: 0 };

async function api(path, body) {
  const res = await fetch(path, { method: 'POST', body });
  if (!res.ok) {
    let msg = res.status + ' ' + res.statusText;
    try { msg = (await res.json()).error || msg; } catch (e) { /* not JSON */ }
    throw new Error(msg);
  }
  return res;
}

function form(parts) {
  const f = new FormData();
  for (const [k, v] of Object.entries(parts)) f.append(k, v, k);
  return f;
}

function show(img, blob) {
  const url = URL.createObjectURL(blob);
  state.urls.push(url);
  return new Promise((resolve, reject) => {
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the browser could not show ' + img.id));
    img.src = url;
  });
}

function fmt(v, digits) {
  if (v === 'Infinity') return '∞';
  if (v === null || v === undefined || v === 'NaN') return 'n/a';
  return Number(v).toFixed(digits);
}

function setError(el, e) {
  el.hidden = !e;
  el.textContent = e ? e.message : '';
}

function budgetParams() {
  const p = new URLSearchParams({ saliency: $('saliency').value, tune: $('tune').value });
  if (document.querySelector('input[name=budget]:checked').value === 'bytes') {
    p.set('target_bytes', $('target-bytes').value);
  } else {
    p.set('match_quality', $('match-quality').value);
  }
  return p;
}

function fillRow(row, bytes, m) {
  row.querySelector('.bytes').textContent = bytes.toLocaleString('en');
  row.querySelector('.psnr').textContent = fmt(m.psnr, 2);
  row.querySelector('.psnr_s').textContent = fmt(m.psnr_s, 2);
  row.querySelector('.ssim').textContent = fmt(m.ssim, 4);
}

async function compress() {
  const file = state.file;
  if (!file) return;
  document.body.dataset.state = 'working';
  setError($('error'), null);
  state.urls.forEach(URL.revokeObjectURL);
  state.urls = [];
  try {
    const sal = new URLSearchParams({ saliency: $('saliency').value });
    $('status').textContent = 'Computing the saliency map and the semantic JPEG…';
    const [overlay, map, semantic] = await Promise.all([
      api('/api/saliency?overlay=1&' + sal, file).then((r) => r.blob()),
      api('/api/saliency?' + sal, file).then((r) => r.blob()),
      api('/api/compress?' + budgetParams(), file),
    ]);
    const bytes = Number(semantic.headers.get('X-Sieve-Bytes'));
    const semanticBlob = await semantic.blob();
    const img = await show($('overlay'), overlay);
    state.width = img.naturalWidth;
    state.height = img.naturalHeight;
    for (const v of document.querySelectorAll('#panel-compress .viewport')) v.style.aspectRatio = state.width + ' / ' + state.height;
    await show($('semantic'), semanticBlob);
    $('status').textContent = 'Encoding the plain JPEG of ' + bytes.toLocaleString('en') + ' bytes…';
    const plainParams = new URLSearchParams({ mode: 'plain', target_bytes: bytes, tune: $('tune').value });
    const plain = await api('/api/compress?' + plainParams, file);
    const plainBytes = Number(plain.headers.get('X-Sieve-Bytes'));
    const plainBlob = await plain.blob();
    await show($('plain'), plainBlob);
    $('status').textContent = 'Measuring…';
    const [ms, mp] = await Promise.all([
      api('/api/metrics', form({ reference: file, distorted: semanticBlob, map })).then((r) => r.json()),
      api('/api/metrics', form({ reference: file, distorted: plainBlob, map })).then((r) => r.json()),
    ]);
    fillRow($('row-semantic'), bytes, ms);
    fillRow($('row-plain'), plainBytes, mp);
    $('status').textContent = `${state.width} × ${state.height}: semantic JPEG ${bytes.toLocaleString('en')} bytes, `
      + `plain JPEG ${plainBytes.toLocaleString('en')} bytes (${semantic.headers.get('X-Sieve-Saliency')} saliency, `
      + `${semantic.headers.get('X-Sieve-Tune')} tune).`;
    document.body.dataset.state = 'done';
  } catch (e) {
    setError($('error'), e);
    $('status').textContent = '';
    document.body.dataset.state = 'error';
  }
}

function pick(file) {
  if (!file) return;
  state.file = file;
  resetView();
  compress();
}

// the built-in photo (GET /api/sample), for a first try without a photo at hand
async function pickSample() {
  try {
    const res = await fetch('/api/sample');
    if (!res.ok) throw new Error('the built-in photo: ' + res.status + ' ' + res.statusText);
    pick(await res.blob());
  } catch (e) {
    setError($('error'), e);
  }
}

// swipe: the semantic layer shows left of the line, the plain one right of it
function swipe() {
  const v = Number($('swipe').value);
  $('semantic-clip').style.clipPath = `inset(0 ${100 - v}% 0 0)`;
  $('swipe-line').style.left = v + '%';
}

// synchronized zoom and pan: one transform for every stage of the compress panel
function applyView() {
  for (const s of document.querySelectorAll('#panel-compress .stage')) {
    s.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`;
  }
}

function resetView() {
  view.scale = 1; view.x = 0; view.y = 0;
  applyView();
}

function clampView(el) {
  const w = el.clientWidth, h = el.clientHeight;
  view.scale = Math.min(32, Math.max(1, view.scale));
  view.x = Math.min(0, Math.max(w - w * view.scale, view.x));
  view.y = Math.min(0, Math.max(h - h * view.scale, view.y));
}

function bindViewport(el) {
  el.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = el.getBoundingClientRect();
    const cx = e.clientX - r.left, cy = e.clientY - r.top;
    const f = Math.exp(-e.deltaY * 0.002);
    const s = Math.min(32, Math.max(1, view.scale * f));
    view.x = cx - (cx - view.x) * (s / view.scale);
    view.y = cy - (cy - view.y) * (s / view.scale);
    view.scale = s;
    clampView(el);
    applyView();
  }, { passive: false });
  let drag = null;
  el.addEventListener('pointerdown', (e) => {
    drag = { x: e.clientX - view.x, y: e.clientY - view.y };
    el.setPointerCapture(e.pointerId);
    el.classList.add('dragging');
  });
  el.addEventListener('pointermove', (e) => {
    if (!drag) return;
    view.x = e.clientX - drag.x;
    view.y = e.clientY - drag.y;
    clampView(el);
    applyView();
  });
  const end = () => { drag = null; el.classList.remove('dragging'); };
  el.addEventListener('pointerup', end);
  el.addEventListener('pointercancel', end);
  el.addEventListener('dblclick', resetView);
}

async function defend() {
  const file = $('defend-file').files[0];
  setError($('defend-error'), null);
  if (!file) { setError($('defend-error'), new Error('pick a photo first')); return; }
  document.body.dataset.defend = 'working';
  try {
    $('defend-status').textContent = 'Running the pipeline…';
    await show($('defend-before'), file);
    const p = new URLSearchParams({ pipeline: $('pipeline').value, seed: $('seed').value });
    const res = await api('/api/defend?' + p, file);
    await show($('defend-after'), await res.blob());
    $('defend-status').textContent = `${$('pipeline').value || 'the thesis\' method'} (seed ${$('seed').value})`;
    document.body.dataset.defend = 'done';
  } catch (e) {
    setError($('defend-error'), e);
    $('defend-status').textContent = '';
    document.body.dataset.defend = 'error';
  }
}

function init() {
  for (const t of document.querySelectorAll('.tab')) {
    t.addEventListener('click', () => {
      for (const o of document.querySelectorAll('.tab')) {
        o.classList.toggle('active', o === t);
        $(o.dataset.panel).hidden = o !== t;
      }
    });
  }
  $('file').addEventListener('change', () => pick($('file').files[0]));
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    pick(e.dataTransfer.files[0]);
  });
  $('sample').addEventListener('click', pickSample);
  $('run').addEventListener('click', compress);
  $('swipe').addEventListener('input', swipe);
  for (const v of document.querySelectorAll('#panel-compress .viewport')) bindViewport(v);
  $('defend-run').addEventListener('click', defend);
  swipe();
  fetch('/api/version').then((r) => r.json()).then((v) => { $('version').textContent = 'sieve ' + v.sieve; }).catch(() => {});
}

init();

// The HTML pages the bridge serves itself: a PIN prompt until the till build exists, and the emulator console.
// Both embed the token for same-origin use; other origins cannot read them (same-origin policy + Origin check).

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const style = `body{font-family:system-ui,sans-serif;margin:2rem;background:#f6f6f4;color:#222}
h1{font-size:1.4rem}section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem;margin:1rem 0}
pre{font-family:ui-monospace,monospace;background:#fffef8;border:1px dashed #bbb;padding:.5rem;white-space:pre-wrap;max-height:24rem;overflow:auto}
label{margin-right:.5rem}input{font-size:1rem;padding:.2rem .4rem}button{font-size:1rem}`;

export function tokenScript(token: string): string {
  return `<meta name="kasa-bridge-token" content="${esc(token)}"><script>window.__KASA_BRIDGE__=${JSON.stringify({ token })};</script>`;
}

/** Injects the token into the till build's index.html. */
export function injectToken(html: string, token: string): string {
  return html.includes('</head>') ? html.replace('</head>', `${tokenScript(token)}</head>`) : tokenScript(token) + html;
}

export function pinPage(token: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kasa till</title><link rel="icon" href="data:,">
${tokenScript(token)}<style>${style}</style></head><body>
<h1>Kasa till</h1>
<section><form id="login" onsubmit="event.preventDefault();document.getElementById('msg').textContent='The till application is not built yet (npm run build -w @kasa/pos-terminal).';">
<p><label for="pin">Enter your PIN</label><input id="pin" name="pin" type="password" inputmode="numeric" autocomplete="off" maxlength="8"> <button type="submit">Log in</button></p>
<p id="msg"></p></form></section>
<p><a href="/emulators">Device emulators</a></p>
</body></html>`;
}

export function emulatorsPage(token: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kasa device emulators</title><link rel="icon" href="data:,">
${tokenScript(token)}<style>${style}</style></head><body>
<h1>Kasa device emulators</h1>
<p>Virtual devices on pseudo-terminals. The bridge drives them exactly as it drives real hardware.</p>
<section><h2>Emulators</h2><ul id="emulators"><li>loading…</li></ul></section>
<section><h2>Receipt paper</h2><p>Latest printed receipts, newest first.</p><pre id="receipts">(nothing printed yet)</pre></section>
<section><h2>Labels</h2><pre id="labels">(no labels yet)</pre></section>
<section><h2>Fiscal journal</h2><pre id="journal">(empty)</pre></section>
<section><h2>Customer display</h2><pre id="display">(blank)</pre></section>
<section><h2>Scale</h2><form id="scale"><label for="weight">Weight, kg</label><input id="weight" name="weight" value="0.000" pattern="\\d+(\\.\\d{1,3})?"> <button type="submit">Put on scale</button> <span id="scale-msg"></span></form></section>
<section><h2>Scanner</h2><form id="scan"><label for="code">Barcode</label><input id="code" name="code" value="4750001234567"> <button type="submit">Scan</button> <span id="scan-msg"></span></form></section>
<script>
const token = window.__KASA_BRIDGE__.token;
const headers = { 'content-type': 'application/json', 'x-bridge-token': token };
async function post(path, body) {
  const r = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  const j = await r.json();
  return r.ok ? 'ok' : (j.error && j.error.message) || r.status;
}
function text(id, value, empty) { document.getElementById(id).textContent = value && value.length ? value : empty; }
async function refresh() {
  try {
    const r = await fetch('/api/emulators', { headers });
    if (!r.ok) return;
    const s = await r.json();
    const ul = document.getElementById('emulators');
    ul.replaceChildren(...s.emulators.map((e) => { const li = document.createElement('li'); li.textContent = e.kind + ' — ' + e.deviceId + ' on ' + e.devicePath; return li; }));
    if (!s.emulators.length) ul.textContent = 'no emulators running';
    text('receipts', s.receipts.join('\\n\\n' + '-'.repeat(32) + '\\n\\n'), '(nothing printed yet)');
    text('labels', s.labels.join('\\n\\n'), '(no labels yet)');
    text('journal', s.journal.map((x) => typeof x === 'string' ? x : JSON.stringify(x)).join('\\n'), '(empty)');
    text('display', s.display.join('\\n'), '(blank)');
  } catch (e) { /* bridge restarting */ }
}
document.getElementById('scale').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  document.getElementById('scale-msg').textContent = await post('/api/emulators/scale', { weight: document.getElementById('weight').value });
});
document.getElementById('scan').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  document.getElementById('scan-msg').textContent = await post('/api/emulators/scan', { code: document.getElementById('code').value });
});
refresh();
setInterval(refresh, 1000);
</script>
</body></html>`;
}

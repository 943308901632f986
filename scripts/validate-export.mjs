// Checks a margin export with independent tools (run by scripts/validate-export,
// which builds margin, makes a throwaway library, exports it and installs
// these packages into a temporary folder):
//
//   js-yaml            front matter parses strictly; dates where promised
//   markdown-it        block ids at the end of their block, callouts, fences,
//   (+ markdown-it-mark)  --full marks, the --full article reads as the plain text
//   jsonld             expansion with the W3C context (ANNO_CONTEXT, a local file)
//   ajv (draft-04)     the W3C web-annotation-tests schemas (WA_TESTS, a local checkout)
//   dom-anchor-text-quote / dom-anchor-text-position on jsdom
//                      every placed annotation anchors on `margin show ID --text`
//
// Usage: node validate-export.mjs WORKDIR, where WORKDIR holds md/, full/,
// json/ (the exports), text/ID.txt (margin show ID --text) and manifest.json
// ({"ID": {"page": "original.html" or ""}}). NODE_MODULES names the folder
// the packages were installed in. Exit status 1 when any check fails.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const work = process.argv[2];
if (!work || !process.env.NODE_MODULES) {
  console.error('usage: NODE_MODULES=DIR node validate-export.mjs WORKDIR');
  process.exit(2);
}
const require = createRequire(path.join(process.env.NODE_MODULES, 'x.js'));
const yaml = require('js-yaml');
const MarkdownIt = require('markdown-it');
const markPlugin = require('markdown-it-mark');
const jsonld = require('jsonld');
const { JSDOM, VirtualConsole } = require('jsdom');
const textQuote = require('dom-anchor-text-quote');
const textPosition = require('dom-anchor-text-position');

const failures = [];
const skipped = [];
const figures = {};
const count = (k, n = 1) => { figures[k] = (figures[k] || 0) + n; };
const fail = (where, msg) => failures.push(`${where}: ${msg}`);
const short = (s, n = 80) => JSON.stringify(s.length > n ? s.slice(0, n) + '…' : s);

const ls = (d, ext) => fs.existsSync(d) ? fs.readdirSync(d, { recursive: true })
  .filter((f) => f.endsWith(ext)).sort().map((f) => path.join(d, f)) : [];
const rel = (f) => path.relative(work, f);
const manifest = JSON.parse(fs.readFileSync(path.join(work, 'manifest.json'), 'utf8'));
const plainText = (id) => {
  const f = path.join(work, 'text', `${id}.txt`);
  if (!fs.existsSync(f)) return null;
  // margin show --text ends the text with one newline of its own.
  return fs.readFileSync(f, 'utf8').replace(/\n$/, '');
};
const squash = (s) => s.replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------- Markdown

const motivations = ['assessing', 'bookmarking', 'classifying', 'commenting', 'describing', 'editing',
  'highlighting', 'identifying', 'linking', 'moderating', 'questioning', 'replying', 'tagging'];
const states = ['Inbox', 'Reading', 'Completed', 'Archived'];
const isDate = (v) => v instanceof Date && !Number.isNaN(v.getTime());
const isWebURL = (v) => typeof v === 'string' && /^https?:\/\/[^\s/]+/.test(v);

// frontMatter returns [yaml text, body, body's first line number].
function frontMatter(src) {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(src);
  if (!m) return [null, src, 0];
  return [m[1], src.slice(m[0].length), m[0].split('\n').length - 1];
}

function checkFrontMatter(file, fmText, template = false) {
  let fm;
  try {
    // js-yaml 4 refuses duplicate keys unless told otherwise (json: false).
    fm = yaml.load(fmText, { filename: file, json: false });
  } catch (e) {
    fail(file, `front matter is not strict YAML: ${e.message.split('\n')[0]}`);
    return null;
  }
  if (fm === null || typeof fm !== 'object' || Array.isArray(fm)) {
    fail(file, 'front matter is not a mapping');
    return null;
  }
  const want = (k, ok, what) => { if (!(k in fm)) fail(file, `front matter has no ${k}`); else if (!ok(fm[k])) fail(file, `front matter ${k} is not ${what}: ${short(String(fm[k]))}`); };
  if (template) {
    // The README's template writes its own keys; margin adds margin_id.
    want('margin_id', Number.isInteger, 'an integer');
    want('date-saved', isDate, 'a YAML timestamp');
    want('labels', (v) => Array.isArray(v), 'a list');
    return fm;
  }
  want('title', (v) => typeof v === 'string' && v !== '', 'a non-empty string');
  want('margin_id', Number.isInteger, 'an integer');
  want('highlights', Number.isInteger, 'an integer');
  want('saved', isDate, 'a YAML timestamp');
  want('date_saved', isDate, 'a YAML timestamp');
  want('tags', (v) => Array.isArray(v) && v.every((t) => typeof t === 'string' && /^[\p{L}\p{N}_/-]+$/u.test(t) && !/^\d+$/.test(t)), 'a list of Obsidian tags');
  want('aliases', (v) => Array.isArray(v) && v.every((t) => typeof t === 'string'), 'a list of strings');
  want('state', (v) => states.includes(v), `one of ${states.join(', ')}`);
  want('margin_url', (v) => typeof v === 'string' && /^margin:\/\/\d+$/.test(v), 'a margin:// link');
  for (const k of ['published', 'date_published']) if (k in fm) want(k, isDate, 'a YAML date');
  for (const k of ['url', 'original_url']) if (k in fm) want(k, isWebURL, 'a web address');
  for (const k of ['words_count', 'read_length']) if (k in fm) want(k, Number.isInteger, 'an integer');
  return fm;
}

const blockID = /(?:^|\s)\^([A-Za-z0-9-]+)\s*$/;

// stripQuote removes the blockquote markers of a source line.
const stripQuote = (line) => line.replace(/^(\s{0,3}>\s?)+/, '');

function checkMarkdown(file, src, full, fm, text, template = false) {
  const [fmText, body, offset] = frontMatter(src);
  if (fmText === null) { fail(file, 'no front matter (--- lines) at the start'); return; }
  fm = fm || checkFrontMatter(file, fmText, template);
  const md = new MarkdownIt('commonmark').use(markPlugin);
  md.enable('table').enable('strikethrough');
  let tokens;
  try { tokens = md.parse(body, {}); } catch (e) { fail(file, `markdown-it: ${e.message}`); return; }
  count('markdown files parsed');
  const lines = body.split('\n');
  const at = (i) => `${file}:${i + 1 + offset}`;

  // The margin region: one begin and one end marker, in order.
  if (template) count('template exports parsed');
  const markers = tokens.filter((t) => t.type === 'html_block' && /<!-- margin:(begin|end)\b/.test(t.content));
  const kinds = markers.map((t) => /margin:begin/.test(t.content) ? 'begin' : 'end');
  if (kinds.join(',') !== 'begin,end') fail(file, `margin region markers are ${kinds.join(',') || 'missing'}, want begin,end as HTML blocks`);

  // Lines that are code or HTML: a ^ there is not a block id.
  const verbatim = new Set();
  for (const t of tokens) {
    if ((t.type === 'fence' || t.type === 'code_block' || t.type === 'html_block') && t.map) {
      for (let i = t.map[0]; i < t.map[1]; i++) verbatim.add(i);
    }
  }

  // Block ids: the last line of a paragraph ends with ^id; a paragraph that
  // is only ^id labels the blockquote, list or table just before it.
  const defined = new Map();
  const idLines = new Set();
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.type !== 'paragraph_open' || !t.map) continue;
    const last = t.map[1] - 1;
    const m = blockID.exec(stripQuote(lines[last]));
    if (!m) continue;
    idLines.add(last);
    if (defined.has(m[1])) fail(at(last), `block id ^${m[1]} defined twice`);
    defined.set(m[1], last);
    const inline = tokens[k + 1];
    if (inline && inline.type === 'inline' && /^\^[A-Za-z0-9-]+$/.test(inline.content.trim())) {
      // A lone id: what does it label?
      let j = k - 1;
      while (j >= 0 && tokens[j].level > t.level) j--;
      const prev = j >= 0 ? tokens[j].type : 'nothing';
      if (!['blockquote_close', 'bullet_list_close', 'ordered_list_close', 'table_close'].includes(prev)) {
        fail(at(last), `^${m[1]} stands alone after ${prev}, not after a quote, list or table it could label`);
      }
    }
  }
  lines.forEach((l, i) => {
    if (verbatim.has(i) || idLines.has(i)) return;
    const m = blockID.exec(stripQuote(l));
    if (m && /^hl-/.test(m[1])) fail(at(i), `^${m[1]} ends a line but not its block, so Obsidian does not see it: ${short(l)}`);
  });
  const hlIDs = [...defined.keys()].filter((id) => id.startsWith('hl-'));
  count('block ids checked', hlIDs.length);
  if (fm && Number.isInteger(fm.highlights) && hlIDs.length !== fm.highlights) {
    fail(file, `front matter says ${fm.highlights} highlights, the file defines ${hlIDs.length} block ids`);
  }
  for (const m of body.matchAll(/\[\[#\^([A-Za-z0-9-]+)(?:\|[^\]]*)?\]\]/g)) {
    if (!defined.has(m[1])) fail(file, `link [[#^${m[1]}]] has no block with that id in the file`);
  }

  // Callouts: a blockquote whose first line is [!type]; and no [!type]
  // line swallowed by the quote before it.
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k].type !== 'blockquote_open') continue;
    const bq = tokens[k];
    let first = true;
    for (let j = k + 1; j < tokens.length && !(tokens[j].type === 'blockquote_close' && tokens[j].level === bq.level); j++) {
      const t = tokens[j];
      if (t.type !== 'inline') continue;
      const head = t.content.split('\n')[0];
      if (first && /\[!/.test(head) && !/^\[![A-Za-z][\w-]*\][+-]?( |$)/.test(head)) fail(at(t.map ? t.map[0] : bq.map[0]), `malformed callout header ${short(head)}`);
      if (!first && /^\[![A-Za-z][\w-]*\]/.test(head)) fail(at(t.map ? t.map[0] : bq.map[0]), `callout ${short(head)} is inside the blockquote before it, not a callout of its own`);
      if (first && /^\[![A-Za-z][\w-]*\]/.test(head)) count('callouts');
      first = false;
    }
  }

  // Fences: each closes with a fence of its own kind (an unclosed one
  // swallows the rest of the file).
  for (const t of tokens) {
    if (t.type !== 'fence' || !t.map) continue;
    count('code fences');
    const open = /^\s*(`{3,}|~{3,})/.exec(stripQuote(lines[t.map[0]]));
    const close = stripQuote(lines[t.map[1] - 1] || '');
    const ok = open && t.map[1] - t.map[0] >= 2 && new RegExp(`^\\s*${open[1][0] === '`' ? '`' : '~'}{${open[1].length},}\\s*$`).test(close);
    if (!ok) fail(at(t.map[0]), 'code fence is not closed');
  }

  // Links: no literal == left in link text (a mark that crossed the link).
  for (const t of tokens) {
    if (t.type !== 'inline' || !t.children) continue;
    let inLink = 0;
    for (const c of t.children) {
      if (c.type === 'link_open') inLink++;
      else if (c.type === 'link_close') inLink--;
      else if (inLink && c.type === 'text' && c.content.includes('==') && !(text && text.includes(c.content))) {
        fail(at(t.map ? t.map[0] : 0), `literal == in link text ${short(c.content)}`);
      }
    }
  }

  if (full && text !== null) checkFullText(file, body, tokens, text);
  return { tokens, body };
}

// With --full, the article part (between the title and ## Highlights) must
// read, once parsed, as the plain text: marks are mark tokens, nothing
// escaped shows a backslash, code shows its own characters.
function checkFullText(file, body, tokens, text) {
  const lines = body.split('\n');
  const h1 = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
  const h2 = tokens.findIndex((t, i) => i > h1 && t.type === 'heading_open' && t.tag === 'h2' && tokens[i + 1].content === 'Highlights');
  if (h1 < 0 || h2 < 0) { fail(file, '--full: no # title and ## Highlights around the article'); return; }
  let out = '';
  let marks = 0;
  // Skip the export's own link to the original, the first paragraph.
  let k0 = h1 + 3;
  if (tokens[k0] && tokens[k0].type === 'paragraph_open' && /^\[Read original\]\([^)]*\)$/.test(tokens[k0 + 1].content)) k0 += 3;
  const inlineText = (children) => {
    let s = '';
    for (const c of children) {
      if (c.type === 'text' || c.type === 'text_special' || c.type === 'code_inline') s += c.content;
      else if (c.type === 'softbreak' || c.type === 'hardbreak') s += '\n';
      // margin's plain text keeps the references of an image's alt text
      // as the article wrote them ("&amp;"): compare it that way.
      else if (c.type === 'image') s += inlineText(c.children).replace(/&/g, '&amp;');
      else if (c.type === 'mark_open') marks++;
    }
    return s;
  };
  const want = squash(text);
  let bad = 0;
  for (let k = k0; k < h2; k++) {
    const t = tokens[k];
    if (t.type === 'inline') {
      const block = inlineText(t.children);
      out += block + '\n';
      // Each block on its own, so that every broken one is listed.
      if (!want.includes(squash(block))) {
        bad++;
        fail(`${file}:${t.map ? t.map[0] + 1 : '?'}`, `--full block does not read as the plain text: ${short(squash(block), 160)}`);
      }
    } else if (t.type === 'fence' || t.type === 'code_block') out += t.content + '\n';
    else if (t.type === 'html_block') out += '\n';
  }
  count('--full marks', marks);
  const got = squash(out);
  if (got === want) { count('--full articles reading as the plain text'); return; }
  if (bad) return;
  let i = 0;
  while (i < got.length && got[i] === want[i]) i++;
  fail(file, `--full article does not read as the plain text at character ${i}: shows ${short(got.slice(Math.max(0, i - 30), i + 50))}, the text has ${short(want.slice(Math.max(0, i - 30), i + 50))}`);
}

// ---------------------------------------------------------------- JSON

const annoContextURL = 'http://www.w3.org/ns/anno.jsonld';
const isURI = (v) => typeof v === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(v);
const isRFC3339 = (v) => typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(v);

function checkJSONStructure(file, doc) {
  const annos = [];
  if (doc['@context'] !== annoContextURL) fail(file, `@context is ${short(String(doc['@context']))}, want ${annoContextURL}`);
  if (doc.type !== 'AnnotationCollection') fail(file, `type is ${doc.type}, want AnnotationCollection`);
  if (!isURI(doc.id)) fail(file, 'collection has no id URI');
  const page = doc.first;
  if (!page || page.type !== 'AnnotationPage' || !Array.isArray(page.items)) { fail(file, 'first is not an AnnotationPage with items'); return annos; }
  if (doc.total !== page.items.length) fail(file, `total ${doc.total} but ${page.items.length} items`);
  const ids = new Set();
  for (const [n, a] of page.items.entries()) {
    const w = `${file} item ${n} (${a && a.id})`;
    annos.push(a);
    count('annotations checked');
    if (!isURI(a.id)) fail(w, 'id is not a URI');
    if (ids.has(a.id)) fail(w, 'id repeated');
    ids.add(a.id);
    if (a.type !== 'Annotation') fail(w, `type is ${a.type}`);
    if (!motivations.includes(a.motivation)) fail(w, `motivation ${a.motivation} is not one of the model's`);
    for (const k of ['created', 'modified']) if (k in a && !isRFC3339(a[k])) fail(w, `${k} ${a[k]} is not an RFC 3339 date-time`);
    const bodies = Array.isArray(a.body) ? a.body : a.body ? [a.body] : [];
    for (const b of bodies) {
      if (b.type === 'TextualBody') {
        if (typeof b.value !== 'string') fail(w, 'TextualBody without a string value');
        if ('format' in b && !/^text\//.test(b.format)) fail(w, `body format ${b.format}`);
      } else if (b.type === 'SpecificResource') {
        if (!isURI(b.source)) fail(w, 'SpecificResource body without a source URI');
        else if (!ids.has(b.source) && !page.items.some((x) => x.id === b.source)) fail(w, `linked body ${b.source} is not an annotation of this collection`);
      } else fail(w, `body type ${b.type}`);
      if (!motivations.includes(b.purpose)) fail(w, `body purpose ${b.purpose}`);
    }
    if (a.motivation === 'commenting' && !bodies.some((b) => b.purpose === 'commenting')) fail(w, 'commenting without a commenting body');
    const tg = a.target;
    if (!tg || typeof tg !== 'object') { fail(w, 'no target object'); continue; }
    if (!isURI(tg.source)) fail(w, 'target has no source URI');
    if (tg.source === doc.id) fail(w, 'target source is the collection\'s own id');
    const sels = Array.isArray(tg.selector) ? tg.selector : [tg.selector];
    const q = sels.filter((s) => s && s.type === 'TextQuoteSelector');
    const p = sels.filter((s) => s && s.type === 'TextPositionSelector');
    for (const s of sels) if (!s || !['TextQuoteSelector', 'TextPositionSelector'].includes(s.type)) fail(w, `unexpected selector ${JSON.stringify(s)}`);
    if (q.length !== 1) fail(w, `${q.length} TextQuoteSelectors`);
    for (const s of q) {
      if (typeof s.exact !== 'string' || s.exact === '') fail(w, 'TextQuoteSelector without exact');
      for (const k of ['prefix', 'suffix']) if (k in s && typeof s[k] !== 'string') fail(w, `${k} is not a string`);
    }
    for (const s of p) if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end <= s.start) fail(w, `bad TextPositionSelector ${s.start}..${s.end}`);
    const orphan = bodies.some((b) => b.purpose === 'tagging' && b.value === 'orphan');
    if (orphan && p.length) fail(w, 'orphan with a TextPositionSelector');
    if (!orphan && p.length !== 1) fail(w, `placed annotation (no orphan tag) with ${p.length} TextPositionSelectors`);
  }
  return annos;
}

async function checkJSONLD(file, doc, ctx) {
  const documentLoader = async (url) => {
    if (url.replace(/^https:/, 'http:') === annoContextURL) return { contextUrl: null, documentUrl: url, document: ctx };
    throw new Error(`no network here: refusing to load ${url}`);
  };
  try {
    // safe mode: any property or type the context does not define is an error.
    const ex = await jsonld.expand(doc, { documentLoader, safe: true });
    const flat = JSON.stringify(ex);
    const n = (flat.match(/"http:\/\/www\.w3\.org\/ns\/oa#Annotation"/g) || []).length;
    if (n !== doc.first.items.length) fail(file, `JSON-LD expansion has ${n} oa:Annotation, want ${doc.first.items.length}`);
    const col = ex[0] || {};
    if (!(col['@type'] || []).includes('http://www.w3.org/ns/activitystreams#OrderedCollection')) fail(file, 'JSON-LD: the collection does not expand to as:OrderedCollection');
    count('JSON-LD expansions');
  } catch (e) {
    fail(file, `JSON-LD expansion (safe mode) failed: ${e.message}${e.details ? ' ' + short(JSON.stringify(e.details), 200) : ''}`);
  }
}

function loadSchemas(dir) {
  const Ajv = require('ajv-draft-04');
  const addFormats = require('ajv-formats');
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  for (const f of ls(path.join(dir, 'definitions'), '.json')) {
    // A definition file that does not load is reported; a check that needs
    // it then fails to compile, which is reported too.
    try {
      const s = JSON.parse(fs.readFileSync(f, 'utf8'));
      if (s.id && s.id !== path.basename(f)) delete s.id;
      ajv.addSchema(s, path.basename(f));
    } catch (e) {
      skipped.push(`WA_TESTS definitions/${path.basename(f)} not loaded: ${e.message}`);
    }
  }
  // The MUST assertions of annotations/3.1-model-musts-v3.test.
  const must = ['3.1-annotationContextValidated.json', '3.2.5-notBodyBodyValue.json', '3.1-annotationIdValidated.json',
    '3.1-annotationTypeValidated.json', '3.1-targetKeyFound.json', '3.1-targetObjectsRecognized.json'];
  const assertions = [];
  for (const name of must) {
    const f = path.join(dir, 'annotations', name);
    if (!fs.existsSync(f)) { skipped.push(`W3C assertion ${name} (not in WA_TESTS)`); continue; }
    const s = JSON.parse(fs.readFileSync(f, 'utf8'));
    delete s.id; // the definitions are added under their file names; resolve refs against those
    assertions.push({ name, validate: ajv.compile({ ...s, $id: `${name}` }) });
  }
  const def = (ref) => ajv.getSchema(ref) || (() => { throw new Error(`WA_TESTS has no ${ref}`); })();
  const checks = {
    annotation: [
      ['annotations.json#/definitions/motivationRecognizedIfPresent', true],
      ['otherProperties.json#/definitions/createdValidIfPresent', true],
      ['otherProperties.json#/definitions/modifiedValidIfPresent', true],
    ],
    body: [
      ['bodyTarget.json#/definitions/bodyResourcesFound', true],
      ['bodyTarget.json#/definitions/optionalBodyPropertiesMust', true],
      ['bodyTarget.json#/definitions/optionalBodyPurposePropertyShould', false],
    ],
    target: [
      ['bodyTarget.json#/definitions/targetResourcesFound', true],
      ['bodyTarget.json#/definitions/optionalTargetPropertiesMust', true],
      ['specificResource.json#/definitions/selectorDetected', true],
    ],
    TextQuoteSelector: [['specificResource.json#/definitions/textQuoteSelectorDetected', true]],
    TextPositionSelector: [['specificResource.json#/definitions/textPositionSelectorDetected', true]],
  };
  for (const k of Object.keys(checks)) checks[k] = checks[k].map(([ref, must]) => ({ ref, must, validate: def(ref) }));
  return { assertions, checks };
}

function checkSchemas(file, doc, schemas) {
  const err = (v) => (v.errors || []).slice(0, 2).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
  for (const a of doc.first.items) {
    const w = `${file} ${a.id}`;
    // An annotation in a collection takes its @context from the collection.
    const standalone = { '@context': doc['@context'], ...a };
    for (const { name, validate } of schemas.assertions) {
      count('W3C MUST assertions run');
      if (!validate(standalone)) fail(w, `W3C assertion ${name} fails: ${err(validate)}`);
    }
    const run = (kind, v) => {
      for (const { ref, must, validate } of schemas.checks[kind]) {
        count('W3C definition checks run');
        if (!validate(v)) {
          if (must) fail(w, `${kind} does not satisfy ${ref}: ${err(validate)}`);
          else count(`W3C SHOULD warnings (${ref.split('/').pop()})`);
        }
      }
    };
    run('annotation', a);
    for (const b of [].concat(a.body || [])) run('body', b);
    run('target', a.target);
    for (const s of [].concat(a.target.selector || [])) if (schemas.checks[s.type]) run(s.type, s);
  }
}

// ---------------------------------------------------------------- anchoring

// Positions count code points (the W3C model's characters); the DOM
// libraries count UTF-16 units.
function utf16(text, cp) {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) i += text.codePointAt(i) > 0xffff ? 2 : 1;
  return i;
}

// pageBody is a saved page's body as a browser shows it: UTF-8 when it
// decodes as such (saved pages often lost their charset header), without
// the text of scripts, styles and templates.
function pageBody(page) {
  const raw = fs.readFileSync(page);
  let src = raw;
  try { src = new TextDecoder('utf-8', { fatal: true }).decode(raw); } catch { /* let jsdom sniff */ }
  const doc = new JSDOM(src, { virtualConsole: new VirtualConsole() }).window.document;
  for (const el of doc.querySelectorAll('script, style, noscript, template')) el.remove();
  return doc.body;
}

function checkAnchoring(file, doc, id, text, page) {
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  const root = dom.window.document.body;
  root.textContent = text;
  if (root.textContent !== text) { fail(file, 'jsdom changed the text'); return; }
  let pageRoot = null;
  if (page) pageRoot = pageBody(page);
  for (const a of doc.first.items) {
    const w = `${file} ${a.id}`;
    const sels = [].concat(a.target.selector || []);
    const q = sels.find((s) => s.type === 'TextQuoteSelector');
    const p = sels.find((s) => s.type === 'TextPositionSelector');
    const orphan = [].concat(a.body || []).some((b) => b.purpose === 'tagging' && b.value === 'orphan');
    if (orphan) { count('orphans (marked, no position)'); continue; }
    if (!q || !p) continue; // reported by the structure check
    count('placed annotations');
    const s = utf16(text, p.start);
    const e = utf16(text, p.end);
    const cps = [...text].slice(p.start, p.end).join('');
    if (cps !== q.exact) { fail(w, `TextPositionSelector ${p.start}..${p.end} slices ${short(cps)}, not the exact ${short(q.exact)}`); continue; }
    const r = textPosition.toRange(root, { start: s, end: e });
    if (r.toString() !== q.exact) { fail(w, `dom-anchor-text-position range reads ${short(r.toString())}`); continue; }
    if (q.prefix !== undefined && text.slice(s - q.prefix.length, s) !== q.prefix) fail(w, `prefix ${short(q.prefix)} is not the text before the position`);
    if (q.suffix !== undefined && text.slice(e, e + q.suffix.length) !== q.suffix) fail(w, `suffix ${short(q.suffix)} is not the text after the position`);
    let got;
    try {
      got = textQuote.toTextPosition(root, { exact: q.exact, prefix: q.prefix, suffix: q.suffix });
    } catch (err) {
      fail(w, `dom-anchor-text-quote throws on the selector: ${err.message}`);
      continue;
    }
    if (!got) fail(w, `dom-anchor-text-quote finds no match for ${short(q.exact)}`);
    else if (got.start !== s || got.end !== e) fail(w, `dom-anchor-text-quote anchors at ${got.start}..${got.end}, the position says ${s}..${e} (${short(text.slice(got.start, got.end))})`);
    else count('anchored by quote at the position');
    // The original page: the same quote selector finds the passage in
    // the page's own text. Its white space differs (the page's text keeps
    // the source's runs of spaces and line breaks, the plain text has one),
    // so the match must start where the passage does, compared squashed.
    if (pageRoot) {
      count('annotations on a saved original page');
      let pos = null;
      try {
        pos = textQuote.toTextPosition(pageRoot, { exact: q.exact, prefix: q.prefix, suffix: q.suffix });
      } catch (err) {
        fail(w, `dom-anchor-text-quote throws on the original page: ${err.message}`);
        continue;
      }
      const there = pos ? squash(pageRoot.textContent.slice(pos.start, pos.start + 2 * q.exact.length + 64)) : '';
      if (pos && there.startsWith(squash(q.exact))) count('anchored by quote on the original page');
      else fail(w, `on the original page ${path.basename(page)}, the quote anchors ${pos ? `on ${short(there)}` : 'nowhere'}, not on ${short(q.exact)}`);
    }
  }
}

// ---------------------------------------------------------------- main

const annoCtxFile = process.env.ANNO_CONTEXT;
const waTests = process.env.WA_TESTS;
let annoCtx = null;
if (annoCtxFile) {
  try { annoCtx = JSON.parse(fs.readFileSync(annoCtxFile, 'utf8')); } catch (e) { fail('ANNO_CONTEXT', e.message); }
} else skipped.push('JSON-LD expansion: set ANNO_CONTEXT to a local copy of http://www.w3.org/ns/anno.jsonld (no network is used)');
let schemas = null;
if (waTests) {
  try { schemas = loadSchemas(waTests); } catch (e) { fail('WA_TESTS', e.message); }
} else skipped.push('W3C JSON Schemas: set WA_TESTS to a local checkout of w3c/web-annotation-tests');

const byID = new Map(); // article id -> markdown file (default export)
for (const [dir, full] of [['md', false], ['full', true], ['tmpl', false]]) {
  const files = ls(path.join(work, dir), '.md');
  if (!files.length) fail(dir, 'no Markdown files exported');
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    const [fmText] = frontMatter(src);
    const fm = fmText !== null ? checkFrontMatter(rel(f), fmText, dir === 'tmpl') : null;
    const id = fm && fm.margin_id;
    const text = id ? plainText(id) : null;
    const res = checkMarkdown(rel(f), src, full, fm, text, dir === 'tmpl');
    if (dir === 'md' && id) byID.set(String(id), { file: rel(f), fm, res });
  }
}

const jsonFiles = ls(path.join(work, 'json'), '.json');
if (!jsonFiles.length) fail('json', 'no JSON files exported');
for (const f of jsonFiles) {
  const file = rel(f);
  let doc;
  try { doc = JSON.parse(fs.readFileSync(f, 'utf8')); } catch (e) { fail(file, `not JSON: ${e.message}`); continue; }
  count('JSON files');
  const annos = checkJSONStructure(file, doc);
  const id = (/^urn:margin:article:(\d+)$/.exec(doc.id || '') || [])[1];
  if (!id) { fail(file, `collection id ${doc.id} names no article`); continue; }
  const md = byID.get(id);
  if (md && md.fm) {
    // The two exports agree on the article's address and its highlights.
    const src = annos[0] && annos[0].target && annos[0].target.source;
    if (md.fm.url && src && src !== md.fm.url) fail(file, `target source ${src} but the Markdown's url is ${md.fm.url}`);
    if (!md.fm.url && src && isWebURL(src)) fail(file, `target source ${src} is a web address but the Markdown has no url`);
    if (md.fm.highlights !== annos.length) fail(file, `${annos.length} annotations, the Markdown says ${md.fm.highlights} highlights`);
    // Notes keep their code: every fence of a note is in the Markdown, byte for byte.
    for (const a of annos) {
      for (const b of [].concat(a.body || [])) {
        if (b.purpose !== 'commenting') continue;
        for (const t of new MarkdownIt('commonmark').parse(b.value, {})) {
          if (t.type !== 'fence') continue;
          count('note code fences compared');
          const inMD = md.res && md.res.tokens.some((x) => x.type === 'fence' && x.content === t.content);
          if (!inMD) fail(md.file, `a note's code block is changed in the Markdown: ${short(t.content)}`);
        }
      }
    }
  } else fail(file, `no default Markdown export of article ${id} to compare with`);
  if (annoCtx) await checkJSONLD(file, doc, annoCtx);
  if (schemas) checkSchemas(file, doc, schemas);
  const text = plainText(id);
  if (text === null) fail(file, `no text/${id}.txt (margin show ${id} --text)`);
  else {
    const page = manifest[id] && manifest[id].page ? manifest[id].page : null;
    checkAnchoring(file, doc, id, text, page);
  }
}

console.log('\nfigures:');
for (const [k, v] of Object.entries(figures)) console.log(`  ${k}: ${v}`);
if (skipped.length) {
  console.log('\nskipped:');
  for (const s of skipped) console.log(`  - ${s}`);
}
if (failures.length) {
  console.log(`\nFAILED: ${failures.length} problem${failures.length === 1 ? '' : 's'}:`);
  for (const f of failures) console.log(`  - ${f}`);
  process.exit(1);
}
console.log('\nall checks passed' + (skipped.length ? ' (some skipped, see above)' : ''));

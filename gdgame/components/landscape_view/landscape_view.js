// The landscape view (see __init__.py): plotly.js loaded once per page and each grid fetched
// once, both from Streamlit's media storage, and every rerun applied in place with
// Plotly.react, so a 3-D camera the viewer chose stays as long as the figure's uirevision does.

// Streamlit serves this module from <app>/_stcore/bidi-components/<name>/ and media files from
// <app>/media/, where <app> may carry a path prefix (a proxy's): so <app> is read from here.
const APP = appBase(import.meta.url);
const KEPT_GRIDS = 8; // grids kept parsed per page: each new terrain seed brings one
const grids = new Map(); // grid URL -> Promise of {x, y, z}, least recently used first
const scripts = new Map(); // "plotly" -> Promise of our plotly.js
let loaded = null; // our plotly.js once it has loaded, for the cleanup

function appBase(moduleUrl) {
  const at = moduleUrl.indexOf("/_stcore/");
  return at < 0 ? new URL("/", window.location.href).href : moduleUrl.slice(0, at + 1);
}

// A URL Python got from Streamlit's media storage ("/media/<id>.bin"), under the app's base.
function media(url) {
  return new URL(url.replace(/^\/(?!\/)/, ""), APP).href;
}

// The promise cached under `key`, made by `load` if there is none. A failed one is dropped,
// so the next render tries again rather than failing forever.
function cached(cache, key, load) {
  if (!cache.has(key)) {
    const promise = load();
    cache.set(key, promise);
    promise.catch(() => {
      if (cache.get(key) === promise) cache.delete(key);
    });
  }
  return cache.get(key);
}

// Our own plotly.js (the installed plotly package's), not whatever window.Plotly holds:
// Streamlit's charts set that global to their own bundle; we take ours and put theirs back.
function loadPlotly(url) {
  return cached(scripts, "plotly", () => new Promise((resolve, reject) => {
    const theirs = window.Plotly;
    const script = document.createElement("script");
    const fail = () => {
      script.remove();
      reject(new Error("plotly.js could not be loaded"));
    };
    script.src = media(url);
    script.onerror = fail;
    script.onload = () => {
      const ours = window.Plotly;
      window.Plotly = theirs;
      if (!ours || ours === theirs) return fail();
      loaded = window.gdPlotly = ours; // gdPlotly: for the browser tests
      resolve(ours);
    };
    document.head.appendChild(script);
  }));
}

function loadGrid(url) {
  const grid = cached(grids, url, () => fetchGrid(url));
  grids.delete(url); // re-inserted: the most recently used
  grids.set(url, grid);
  if (grids.size > KEPT_GRIDS) grids.delete(grids.keys().next().value);
  return grid;
}

async function fetchGrid(url) {
  const response = await fetch(media(url));
  if (!response.ok) throw new Error(`grid: HTTP ${response.status}`);
  return parseGrid(await response.arrayBuffer());
}

// nx, ny as uint32, then xs, ys and z (rows follow y) as float32, little-endian.
function parseGrid(buffer) {
  const [nx, ny] = new Uint32Array(buffer, 0, 2);
  if (buffer.byteLength !== 4 * (2 + nx + ny + nx * ny)) throw new Error("grid: cut short");
  const values = new Float32Array(buffer, 8);
  const x = values.subarray(0, nx);
  const y = values.subarray(nx, nx + ny);
  const flat = values.subarray(nx + ny);
  const z = Array.from({ length: ny }, (_, j) => flat.subarray(j * nx, (j + 1) * nx));
  return { x, y, z };
}

// z with what the fog hides set to NaN (plotly leaves NaN out); `seen` is bits, row-major.
function fogged(z, seen) {
  const bytes = Uint8Array.from(atob(seen), (c) => c.charCodeAt(0));
  const nx = z[0].length;
  return z.map((row, j) => row.map((value, i) => {
    const k = j * nx + i;
    return (bytes[k >> 3] >> (7 - (k & 7))) & 1 ? value : NaN;
  }));
}

// The view and its error line, made on the first render of this element and found after.
function viewIn(parent) {
  let view = parent.querySelector("div.gd-landscape");
  if (!view) {
    view = document.createElement("div");
    view.className = "gd-landscape";
    view.style.width = "100%";
    view.gdMessage = document.createElement("div");
    view.gdMessage.className = "gd-landscape-error";
    view.gdMessage.hidden = true;
    parent.append(view.gdMessage, view);
  }
  return view;
}

function draw(view, Plotly, grid, data) {
  const traces = data.traces.map((trace) => ({ ...trace }));
  const z = data.seen ? fogged(grid.z, data.seen) : grid.z;
  traces[0] = { ...traces[0], x: grid.x, y: grid.y, z };
  const layout = { ...data.layout, autosize: true };
  // The viewer's camera wins while the figure's uirevision stays (a preset changes it).
  // Plotly keeps only cameras turned by mouse on its own; this also keeps one set by code.
  if (view.gdRevision !== layout.uirevision) {
    view.gdRevision = layout.uirevision;
    view.gdCamera = null;
  }
  if (layout.scene && view.gdCamera) layout.scene = { ...layout.scene, camera: view.gdCamera };
  view.hidden = false;
  const config = { displaylogo: false, responsive: true };
  return Plotly.react(view, { data: traces, layout, frames: data.frames || [], config });
}

function listen(view) {
  if (view.gdListens) return;
  view.gdListens = true;
  view.on("plotly_relayout", (change) => {
    if (change["scene.camera"]) view.gdCamera = change["scene.camera"];
  });
  // A click on the landscape itself (the first trace) or on a trace marked meta "click".
  view.on("plotly_click", (event) => {
    const point = (event.points || []).find((p) => p.data && (p.curveNumber === 0 || p.data.meta === "click"));
    if (point) view.gdSend("click", { x: point.x, y: point.y });
  });
}

// Shown until a later render draws: that render fetches again what failed.
function showError(view, error) {
  view.gdMessage.textContent = `The view could not be drawn: ${error.message}`;
  view.gdMessage.hidden = false;
  view.hidden = true; // not an older landscape, as if it were this one
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const view = viewIn(parentElement);
  view.gdSend = setTriggerValue; // the newest one, for the click handler
  const render = (view.gdRender = (view.gdRender || 0) + 1);
  const current = () => render === view.gdRender && view.isConnected;
  Promise.all([loadPlotly(data.plotly), loadGrid(data.grid)]).then(([Plotly, grid]) => {
    if (!current()) return; // a newer rerun has arrived meanwhile, or the view is gone
    return draw(view, Plotly, grid, data).then(() => {
      view.gdMessage.hidden = true;
      view.dataset.renders = String(render);
      listen(view);
    });
  }).catch((error) => {
    if (current()) showError(view, error);
  });
  // Streamlit calls the newest render's cleanup when the element goes, but also calls one at
  // once if newer data came while that render was still loading, the element staying: only a
  // view that has left the page is purged (purging a shown one would reset its camera).
  return () => {
    if (loaded && !view.isConnected) loaded.purge(view);
  };
}

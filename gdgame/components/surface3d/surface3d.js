// The 3-D view (see __init__.py): plotly.js loaded once per page from this folder, the surface
// fetched once per file and cached, and every rerun applied in place with Plotly.react, so the
// camera the viewer chose stays as long as the figure's uirevision does.

const here = new URL(".", import.meta.url);
const grids = new Map(); // grid file -> Promise of {x, y, z}
let plotly = null; // Promise of window.Plotly

// Our own plotly.js (the installed plotly package's), not whatever window.Plotly holds:
// Streamlit's charts set that global to their own bundle; we take ours and put theirs back.
function loadPlotly() {
  if (!plotly) {
    plotly = new Promise((resolve, reject) => {
      const theirs = window.Plotly;
      const script = document.createElement("script");
      script.src = new URL(".cache/plotly.min.js", here).href;
      script.onload = () => {
        const ours = window.Plotly;
        window.Plotly = theirs;
        window.gdPlotly = ours; // for the browser tests
        resolve(ours);
      };
      script.onerror = () => reject(new Error("plotly.js could not be loaded"));
      document.head.appendChild(script);
    });
  }
  return plotly;
}

function loadGrid(file) {
  if (!grids.has(file)) {
    const parsed = fetch(new URL(file, here)).then((response) => {
      if (!response.ok) throw new Error(`surface ${file}: HTTP ${response.status}`);
      return response.arrayBuffer();
    }).then((buffer) => {
      const [nx, ny] = new Uint32Array(buffer, 0, 2);
      const values = new Float32Array(buffer, 8);
      const x = values.subarray(0, nx);
      const y = values.subarray(nx, nx + ny);
      const flat = values.subarray(nx + ny);
      const z = Array.from({ length: ny }, (_, j) => flat.subarray(j * nx, (j + 1) * nx));
      return { x, y, z };
    });
    grids.set(file, parsed);
  }
  return grids.get(file);
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

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let view = parentElement.querySelector("div.gd-surface3d");
  if (!view) {
    view = document.createElement("div");
    view.className = "gd-surface3d";
    view.style.width = "100%";
    parentElement.appendChild(view);
  }
  view.gdSend = setTriggerValue; // the newest one, for the click handler
  view.dataset.bytes = String(JSON.stringify(data).length); // what this rerun sent (tests)
  const render = (view.gdRender = (view.gdRender || 0) + 1);
  Promise.all([loadPlotly(), loadGrid(data.grid)]).then(([Plotly, grid]) => {
    if (render !== view.gdRender) return; // a newer rerun has arrived meanwhile
    const traces = data.traces.map((trace) => ({ ...trace }));
    traces[0] = { ...traces[0], x: grid.x, y: grid.y, z: data.seen ? fogged(grid.z, data.seen) : grid.z };
    const layout = { ...data.layout, autosize: true, scene: { ...data.layout.scene } };
    // The viewer's camera wins while the figure's uirevision stays (a preset changes it).
    // Plotly keeps only cameras turned by mouse on its own; this also keeps one set by code.
    if (view.gdRevision !== layout.uirevision) {
      view.gdRevision = layout.uirevision;
      view.gdCamera = null;
    }
    if (view.gdCamera) layout.scene.camera = view.gdCamera;
    return Plotly.react(view, traces, layout, { displaylogo: false, responsive: true }).then(() => {
      view.dataset.renders = String(render);
      if (!view.gdClicks) {
        view.gdClicks = true;
        view.on("plotly_relayout", (change) => {
          if (change["scene.camera"]) view.gdCamera = change["scene.camera"];
        });
        view.on("plotly_click", (event) => {
          const point = event.points && event.points[0];
          if (point && point.data && point.data.type === "surface") {
            view.gdSend("click", { x: point.x, y: point.y });
          }
        });
      }
    });
  }).catch((error) => {
    view.textContent = `The 3-D view could not be drawn: ${error.message}`;
  });
}

"""A simulated student: a websocket client that speaks Streamlit's own protocol as a browser does.

It opens a page with a `BackMsg` rerun request, reads the `ForwardMsg` deltas into the page's
widgets (ids, options and values, as the frontend holds them), and sends every widget's state
with each interaction, as the frontend does: a button as a trigger, a chip or a slider as its
formatted value. It keeps a cache of the messages Streamlit marks cacheable and reports their
hashes, as the browser does, and resolves the server's references to them. `bench.classroom`
checked it once against the frames Chromium sends (see ``--validate`` there).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

CONTEXT = {"timezone": "UTC", "timezone_offset": 0, "locale": "en-US", "is_embedded": False,
           "color_scheme": "light"}  # fmt: skip


@dataclass
class Widget:
    """A widget as the frontend holds it: its id, kind and the value it would send."""

    id: str
    kind: str  # the WidgetState field: "string_value", "double_array_value", ...
    value: object = None  # what the server set it to on this run, if it did (set_value)
    element: object = None
    default: object = None

    @property
    def key(self) -> str:
        return self.id.split("-", 2)[-1]

    def state(self) -> WidgetState | None:
        if self.value is None:
            return None
        ws = WidgetState(id=self.id)
        if self.kind in ("string_array_value", "double_array_value"):
            getattr(ws, self.kind).data[:] = self.value
        else:
            setattr(ws, self.kind, self.value)
        return ws


def widget_of(element) -> Widget | None:
    """The widget an element proto is, with the value the server sets it to (None: it sets
    none, and the frontend keeps the widget's own value, or its default if it is new)."""
    kind = element.WhichOneof("type")
    e = getattr(element, kind)
    if kind == "button":
        return Widget(e.id, "trigger_value", None, e, None)
    if kind == "button_group":  # pills and segmented controls; with nothing chosen, no state
        labels = [o.content for o in e.options]
        return Widget(e.id, "string_array_value", list(e.raw_values), e,
                      [labels[i] for i in e.default] or None)  # fmt: skip
    if kind == "slider" and e.options:  # a select_slider: its labels
        return Widget(e.id, "string_array_value", list(e.raw_value), e,
                      [e.options[int(i)] for i in e.default])  # fmt: skip
    if kind == "slider":
        return Widget(e.id, "double_array_value", list(e.value), e, list(e.default))
    if kind in ("selectbox", "radio"):
        has = e.HasField("default") if kind == "selectbox" else True
        return Widget(e.id, "string_value", e.raw_value, e, e.options[e.default] if has else None)
    if kind == "multiselect":
        return Widget(e.id, "string_array_value", list(e.raw_values), e,
                      [e.options[i] for i in e.default])  # fmt: skip
    if kind == "checkbox":
        return Widget(e.id, "bool_value", e.value, e, e.default)
    if kind in ("text_input", "text_area"):
        return Widget(e.id, "string_value", e.value, e, e.default)
    if kind == "number_input":
        field = "int_value" if e.data_type == e.INT else "double_value"
        cast = int if field == "int_value" else float
        return Widget(e.id, field, cast(e.value), e, cast(e.default))
    return None


@dataclass
class Page:
    """What one script run drew: its elements by delta path, its widgets by key."""

    elements: dict = field(default_factory=dict)

    def add(self, path: tuple, element) -> None:
        self.elements[path] = element

    def widgets(self) -> list[Widget]:
        found = (widget_of(e) for _, e in sorted(self.elements.items()))
        return [w for w in found if w is not None]

    def resolve(self, held: dict) -> None:
        """The value each widget holds now, as the frontend decides it: the server's if it set
        one, else the frontend's own from an earlier run, else the widget's default."""
        for w in self.widgets():
            setter = getattr(w.element, "set_value", False)
            if setter and w.kind != "trigger_value":
                held[w.id] = w.value
            elif w.id not in held and w.kind != "trigger_value":
                held[w.id] = w.default

    def widget(self, key: str) -> Widget:
        return next(w for w in self.widgets() if w.key == key)

    def metric(self, label: str) -> str:
        for e in self.elements.values():
            if e.WhichOneof("type") == "metric" and e.metric.label == label:
                return e.metric.body
        raise KeyError(label)


class Student:
    """One browser tab on one page of the app."""

    def __init__(self, base_url: str, page: str, query: str = "") -> None:
        self.base, self.page_name, self.query = base_url.rstrip("/"), page, query
        self.page = Page()
        self.held: dict[str, object] = {}  # each widget's value, as the frontend holds it
        self.script_hash = ""
        self.cache: dict[str, bytes] = {}
        self.received = 0
        self.ws = None
        self.sent: list[BackMsg] = []
        self.failures: list[str] = []  # the errors the script showed
        self.fragments: dict[str, float] = {}  # fragments that rerun by themselves: seconds

    async def open(self) -> float:
        """Connect and run the page's first script; seconds until it finished."""
        parts = urlsplit(self.base)
        scheme = "wss" if parts.scheme == "https" else "ws"
        began = time.perf_counter()
        self.ws = await websockets.connect(
            f"{scheme}://{parts.netloc}{parts.path}/_stcore/stream", subprotocols=["streamlit"],
            origin=f"{parts.scheme}://{parts.netloc}", max_size=None, open_timeout=60,
        )  # fmt: skip
        await self._rerun(widgets=False)
        return time.perf_counter() - began

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def value(self, key: str) -> object:
        """The value widget ``key`` holds now."""
        return self.held.get(self.page.widget(key).id)

    async def interact(self, key: str, value: object) -> float:
        """Set widget ``key`` (a button: pressed) and rerun; seconds until the run finished."""
        chosen = self.page.widget(key)
        began = time.perf_counter()
        await self._rerun(changed=(chosen.id, True if chosen.kind == "trigger_value" else value))
        return time.perf_counter() - began

    async def refresh(self, fragment_id: str) -> float:
        """Rerun one fragment as the browser's timer does for ``st.fragment(run_every=…)``;
        seconds until the run finished. The page keeps what the fragment did not redraw."""
        began = time.perf_counter()
        await self._rerun(fragment_id=fragment_id)
        return time.perf_counter() - began

    async def _rerun(self, widgets: bool = True, changed: tuple | None = None,
                     fragment_id: str | None = None) -> None:  # fmt: skip
        msg = BackMsg()
        run = msg.rerun_script
        if fragment_id is not None:
            run.fragment_id, run.is_auto_rerun = fragment_id, True
        run.query_string = self.query
        run.page_name = "" if self.script_hash else self.page_name
        run.page_script_hash = self.script_hash
        for k, v in CONTEXT.items():
            setattr(run.context_info, k, v)
        run.context_info.url = f"{self.base}/{self.page_name}"
        run.widget_states.SetInParent()  # sent, empty, on the first run too
        if widgets:
            for w in self.page.widgets():
                w.value = self.held.get(w.id)
                if changed is not None and w.id == changed[0]:
                    w.value = changed[1]
                if (state := w.state()) is not None:
                    run.widget_states.widgets.append(state)
            if changed is not None and changed[0] in self.held:
                self.held[changed[0]] = changed[1]
            run.cached_message_hashes.extend(self.cache)
        self.sent.append(msg)
        if fragment_id is None:
            self.page = Page()
        await self.ws.send(msg.SerializeToString())
        await self._until_finished()

    async def _until_finished(self) -> None:
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=120)
            self.received += len(raw)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            if msg.HasField("ref_hash"):
                msg.ParseFromString(self.cache[msg.ref_hash])
            elif msg.metadata.cacheable:
                self.cache[msg.hash] = raw
            kind = msg.WhichOneof("type")
            if kind == "navigation":  # the page that ran (st.navigation chose it)
                self.script_hash = msg.navigation.page_script_hash
            elif kind == "auto_rerun":
                self.fragments[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self.page.add(tuple(msg.metadata.delta_path), msg.delta.new_element)
                if msg.delta.new_element.WhichOneof("type") == "exception":
                    error = msg.delta.new_element.exception
                    self.failures.append(f"{error.type}: {error.message}"[:200])
            elif kind == "script_finished":
                self.page.resolve(self.held)
                return

"""Keyboard shortcuts: a small script in the page that presses our buttons when a key goes down.

Each key maps to CSS selectors of Streamlit buttons (by their ``st-key-<key>`` class); the first
one present, current (not stale) and enabled is clicked, so the shortcut runs exactly what the button runs
(callbacks, session state), with no second code path. A key pressed while a rerun has every button stale waits
for a current one (up to 3 s). Keys typed into a field or slider are left alone.
"""

from __future__ import annotations

import json

import streamlit as st

SCRIPT = """
<script>
(function () {
  window.__cmKeyBindings = %(bindings)s;
  if (window.__cmKeysInstalled) return;
  window.__cmKeysInstalled = true;
  // Fields that use these keys themselves (switches and buttons do not: a key there is ours).
  var TYPING = "input:not([type='checkbox']):not([type='radio']):not([type='button']), textarea, select, "
    + "[contenteditable=''], [contenteditable='true'], [role='slider'], [role='combobox'], [role='listbox'], "
    + "[role='spinbutton']";
  // While a rerun relabels a button ("Play" → "Pause"), the old one lingers, marked stale; during a
  // rerun every button may be stale, so a key waits (up to 3 s) for a current one instead of being lost.
  function press(selectors, tries) {
    for (var i = 0; i < selectors.length; i++) {
      var live = Array.prototype.filter.call(document.querySelectorAll(selectors[i]), function (b) {
        return !b.closest("[data-stale='true']");
      });
      var button = live[live.length - 1];
      if (button && !button.disabled) { button.click(); return; }
    }
    if (tries > 0) setTimeout(function () { press(selectors, tries - 1); }, 100);
  }
  function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
    var target = event.target;
    if (target && target.closest && target.closest(TYPING)) return;
    var selectors = window.__cmKeyBindings[event.key] || [];
    if (!selectors.length) return;
    event.preventDefault();
    event.stopPropagation();
    press(selectors, 30);
  }
  document.addEventListener("keydown", onKey, true);
  // The map lives in an iframe of the same origin: once it has the focus, listen there too.
  setInterval(function () {
    document.querySelectorAll("iframe").forEach(function (frame) {
      try {
        var inner = frame.contentDocument;
        if (inner && !inner.__cmKeys) { inner.__cmKeys = true; inner.addEventListener("keydown", onKey, true); }
      } catch (error) { /* another origin: not ours */ }
    });
  }, 1000);
})();
</script>
"""


def button_selector(widget_key: str) -> str:
    """CSS selector of the button whose Streamlit key is ``widget_key`` (Streamlit's class rule)."""
    safe = "".join(ch if ch.isalnum() or ch in "_-" else "-" for ch in widget_key.strip())
    return f".st-key-{safe} button"


def show(bindings: dict[str, list[str]], key: str = "keyboard") -> None:
    """Install (once per page) or update the shortcuts.

    ``bindings`` maps a ``KeyboardEvent.key`` (``"ArrowRight"``, ``" "``, ``"Escape"``) to widget
    keys of buttons, tried in order.
    """
    selectors = {name: [button_selector(k) for k in keys] for name, keys in bindings.items()}
    st.html(SCRIPT % {"bindings": json.dumps(selectors, sort_keys=True)}, unsafe_allow_javascript=True)

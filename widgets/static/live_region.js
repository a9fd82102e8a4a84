// One live region that stays on the page and changes its words ("Saved", "Shared!", a kind message), so a
// screen reader announces each change. (A status box inserted anew each time is often not announced.)
// A text box whose mistake the region says (`wrong`) is aria-invalid and described by the region, until it is fixed.
function render({ model, el }) {
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "polite");
  // Each widget loads this module on its own, so a counter would repeat: a random id is unique on the page.
  if (!el.id) el.id = `classlab-say-${Math.random().toString(36).slice(2, 10)}`;
  let marked = [];

  const boxes = (name) => Array.from(document.querySelectorAll(`.${CSS.escape(name)} input, .${CSS.escape(name)} textarea`));
  const unmark = (box) => {
    box.setAttribute("aria-invalid", "false");
    const rest = (box.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && id !== el.id);
    if (rest.length) box.setAttribute("aria-describedby", rest.join(" "));
    else box.removeAttribute("aria-describedby");
  };
  const mark = (tries) => {
    const names = model.get("wrong") || [];
    const found = names.flatMap(boxes);
    for (const box of marked) if (!found.includes(box)) unmark(box);
    for (const box of found) {
      box.setAttribute("aria-invalid", "true");
      const ids = (box.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      if (!ids.includes(el.id)) box.setAttribute("aria-describedby", [...ids, el.id].join(" "));
    }
    marked = found;
    // A box drawn a moment after its message: look again on the next frames.
    if (found.length < names.length && tries > 0) requestAnimationFrame(() => mark(tries - 1));
  };

  const show = () => {
    el.innerHTML = model.get("value");  // HTML made by Python, with every pupil's word escaped (as ipywidgets.HTML)
    // One region: boxes inside it that call themselves live regions would be announced twice, or not at all.
    for (const inner of el.querySelectorAll("[role=status], [aria-live]")) {
      inner.removeAttribute("role");
      inner.removeAttribute("aria-live");
    }
  };
  model.on("change:value", show);
  model.on("change:wrong", () => mark(60));
  // widget.focus() from Python: focus lands on the words just said (after Join: the result), and Tab goes on
  // from there to what comes next.
  model.on("msg:custom", (content) => {
    if (content && content.do === "focus") {
      el.tabIndex = -1;
      el.focus();
    }
  });
  show();
  mark(60);
}

export default { render };

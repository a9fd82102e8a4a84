// One live region that stays on the page and changes its words ("Saved", "Shared!", a kind message), so a
// screen reader announces each change. (A status box inserted anew each time is often not announced.)
function render({ model, el }) {
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "polite");
  const show = () => {
    el.innerHTML = model.get("value");  // HTML made by Python, with every pupil's word escaped (as ipywidgets.HTML)
    // One region: boxes inside it that call themselves live regions would be announced twice, or not at all.
    for (const inner of el.querySelectorAll("[role=status], [aria-live]")) {
      inner.removeAttribute("role");
      inner.removeAttribute("aria-live");
    }
  };
  model.on("change:value", show);
  // widget.focus() from Python: focus lands on the words just said (after Join: the result), and Tab goes on
  // from there to what comes next.
  model.on("msg:custom", (content) => {
    if (content && content.do === "focus") {
      el.tabIndex = -1;
      el.focus();
    }
  });
  show();
}

export default { render };

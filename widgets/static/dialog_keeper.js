// Keeps keyboard focus with a box that covers the page (the board's spotlight) while it is open:
// focus moves into it, everything else is inert (no Tab lands behind it), Escape closes it, and
// focus goes back to the button that opened it. It draws nothing itself.
function render({ model, el }) {
  el.style.display = "none";
  let opener = null;
  let changed = [];

  const box = () => {
    const root = el.closest(model.get("scope")) || document;
    return root.querySelector(model.get("selector"));
  };
  const onKey = (e) => {
    if (e.key === "Escape") { e.preventDefault(); model.send({ op: "close" }); }
  };
  // Everything outside the box: the siblings of the box and of each of its ancestors.
  // (Its ancestors cannot be inert, but one that takes focus itself, like the page's scrolling box, stops doing so.)
  let unfocusable = [];
  const makeInert = (target) => {
    for (let node = target; node && node !== document.body; node = node.parentElement) {
      const parent = node.parentElement;
      if (!parent) break;
      if (parent.hasAttribute("tabindex") && parent.tabIndex >= 0) {
        unfocusable.push([parent, parent.getAttribute("tabindex")]);
        parent.setAttribute("tabindex", "-1");
      }
      for (const other of parent.children) {
        if (other !== node && !other.inert && other.tagName !== "STYLE" && other.tagName !== "SCRIPT") {
          other.inert = true;
          changed.push(other);
        }
      }
    }
  };
  const release = () => {
    for (const node of changed) node.inert = false;
    for (const [node, index] of unfocusable) node.setAttribute("tabindex", index);
    changed = [];
    unfocusable = [];
    document.removeEventListener("keydown", onKey, true);
  };

  const open = (tries) => {
    const target = box();
    if (!target || target.getClientRects().length === 0) {  // the box shows itself a moment later
      if (tries > 0) requestAnimationFrame(() => open(tries - 1));
      return;
    }
    target.setAttribute("role", "dialog");
    target.setAttribute("aria-modal", "true");
    target.setAttribute("aria-label", model.get("label"));
    makeInert(target);
    document.addEventListener("keydown", onKey, true);
    const first = target.querySelector("button, [href], input, select, textarea, [tabindex]:not([tabindex='-1'])");
    (first || target).focus();
  };

  const sync = () => {
    if (model.get("showing")) {
      if (changed.length) return;  // already open (another group in the spotlight)
      opener = document.activeElement;
      open(120);
    } else {
      const wasOpen = changed.length > 0;
      release();
      if (wasOpen && opener && opener.isConnected) opener.focus();
      opener = null;
    }
  };
  model.on("change:showing", sync);
  sync();
  return () => release();
}

export default { render };

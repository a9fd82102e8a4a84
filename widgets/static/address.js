// Puts the class code and group name in the page's address, so a refresh brings the group back;
// `reopen` ("lang=cy&lang_of=class") opens the page again with those added (its class's language).
function render({ model, el }) {
  el.style.display = "none";
  const address = (extra) => {
    const url = new URL(window.location.href);
    for (const [k, v] of new URLSearchParams(model.get("query") || "")) url.searchParams.set(k, v);
    for (const [k, v] of new URLSearchParams(extra || "")) url.searchParams.set(k, v);
    return url.toString();
  };
  const update = () => {
    if (model.get("query")) window.history.replaceState(null, "", address());
  };
  // Only when the address does not say it already: a page never reopens in a loop.
  const reopen = () => {
    const extra = new URLSearchParams(model.get("reopen") || "");
    const here = new URL(window.location.href).searchParams;
    if ([...extra].some(([k, v]) => here.get(k) !== v)) window.location.replace(address(extra));
  };
  model.on("change:query", update);
  model.on("change:reopen", reopen);
  update();
  reopen(); // a page that joined from its address before it was drawn
}
export default { render };

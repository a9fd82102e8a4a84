// Puts the class code and group name in the page's address, so a refresh brings the group back.
function render({ model, el }) {
  el.style.display = "none";
  const update = () => {
    const query = model.get("query");
    if (!query) return;
    const url = new URL(window.location.href);
    const wanted = new URLSearchParams(query);
    for (const [k, v] of wanted) url.searchParams.set(k, v);
    window.history.replaceState(null, "", url.toString());
  };
  model.on("change:query", update);
  update();
}
export default { render };

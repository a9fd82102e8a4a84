// Says the page's language on <html lang>, from the kernel that speaks it: a screen reader then reads the page
// in a voice for that language (a Welsh page in a Welsh voice). Voila's template can only say the server's
// default, and a pooled page is drawn before anyone asks for it, so the kernel says it once the page is open.
function render({ model, el }) {
  el.style.display = "none";
  const say = () => {
    const lang = model.get("lang");
    if (lang && document.documentElement.lang !== lang) document.documentElement.lang = lang;
  };
  model.on("change:lang", say);
  say();
}

export default { render };

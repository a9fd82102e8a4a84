// Makes a chart one image for a screen reader: role "img", a name that says what it shows, described by the
// chart's "in words" text beside it. The axis text and marks inside stop being read one by one.
let next = 0;

function render({ model, el }) {
  el.style.display = "none";
  const apply = (tries) => {
    const root = el.closest(model.get("scope"));
    const chart = root && root.querySelector(model.get("chart"));
    const words = root && root.querySelector(model.get("words"));
    if (!chart) {
      if (tries > 0) requestAnimationFrame(() => apply(tries - 1));
      return;
    }
    chart.setAttribute("role", "img");
    chart.setAttribute("aria-label", model.get("name"));
    if (words) {
      if (!words.id) words.id = `classlab-chart-words-${++next}`;
      chart.setAttribute("aria-describedby", words.id);
    }
  };
  model.on("change:name", () => apply(120));
  apply(120);
}

export default { render };

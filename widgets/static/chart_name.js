// Makes a chart one image for a screen reader: role "img", a name that says what it shows, described by the
// chart's "in words" text beside it. The axis text, key and bar names inside are hidden from screen readers
// (aria-hidden), so they are not read one by one: the words beside the chart say it all.
function render({ model, el }) {
  el.style.display = "none";
  let watching = null;
  const hide = (chart) => {
    for (const part of chart.querySelectorAll("svg text, svg .axis, svg .legend")) {
      if (part.getAttribute("aria-hidden") !== "true") part.setAttribute("aria-hidden", "true");
    }
  };
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
      // (each widget loads this module on its own: a counter would repeat, a random id does not)
      if (!words.id) words.id = `classlab-chart-words-${Math.random().toString(36).slice(2, 10)}`;
      chart.setAttribute("aria-describedby", words.id);
      hide(chart);
      if (watching !== chart) {  // bqplot draws new tick text as counts change: hide each as it comes
        watching = chart;
        new MutationObserver(() => hide(chart)).observe(chart, { childList: true, subtree: true });
      }
    }
  };
  model.on("change:name", () => apply(120));
  apply(120);
}

export default { render };

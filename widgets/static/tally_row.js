// One row of a tally: swatch, name, take-one, the count box, add-one, tally marks, a kind message.
// A thin view: every change is sent to Python, where the engine checks it; nothing is decided here.
// Its words (the buttons' names, the box's, what the marks say) come from Python in the page's language.
const SVG = "http://www.w3.org/2000/svg";

function button(text, label, op, model) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "cl-step";
  b.textContent = text;
  b.setAttribute("aria-label", label);
  b.title = label;
  b.addEventListener("click", () => model.send({ op }));
  return b;
}

function drawMarks(svg, gates, label) {
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  const gap = 10, stroke = 7, h = 26, shown = gates.slice(0, 20);
  let x = 2;
  for (const g of shown) {
    const strokes = Math.min(g, 4);
    for (let i = 0; i < strokes; i++) {
      const l = document.createElementNS(SVG, "line");
      l.setAttribute("x1", x + i * stroke); l.setAttribute("x2", x + i * stroke);
      l.setAttribute("y1", 3); l.setAttribute("y2", h - 3);
      svg.appendChild(l);
    }
    if (g === 5) {
      const d = document.createElementNS(SVG, "line");
      d.setAttribute("x1", x - 3); d.setAttribute("x2", x + 3 * stroke + 3);
      d.setAttribute("y1", h - 5); d.setAttribute("y2", 5);
      d.setAttribute("class", "cl-gate");
      svg.appendChild(d);
    }
    x += 4 * stroke + gap;
  }
  svg.setAttribute("width", Math.max(x, 4));
  svg.setAttribute("height", h);
  svg.setAttribute("viewBox", `0 0 ${Math.max(x, 4)} ${h}`);  // lets CSS shrink a long tally to fit a phone
  svg.setAttribute("aria-label", label);
}

function render({ model, el }) {
  el.classList.add("cl-tally-row");
  el.lang = model.get("lang");  // a screen reader reads the row's words in their own language
  const swatch = document.createElement("span");
  swatch.className = "cl-swatch";
  swatch.setAttribute("aria-hidden", "true");
  swatch.style.background = model.get("colour");
  const label = document.createElement("label");
  label.className = "cl-name";
  label.textContent = model.get("label");
  const input = document.createElement("input");
  input.type = "text";
  input.inputMode = "numeric";
  input.autocomplete = "off";
  input.className = "cl-count";
  input.id = "cl-" + Math.random().toString(36).slice(2);
  label.htmlFor = input.id;
  input.setAttribute("aria-label", model.get("count_label"));
  const minus = button("−", model.get("take_label"), "take", model);
  const plus = button("+", model.get("add_label"), "add", model);
  const marks = document.createElementNS(SVG, "svg");
  marks.setAttribute("class", "cl-marks");
  marks.setAttribute("role", "img");
  const message = document.createElement("div");
  message.className = "cl-message";
  message.setAttribute("role", "status");
  message.setAttribute("aria-live", "polite");
  message.id = input.id + "-message";
  input.setAttribute("aria-describedby", message.id);  // the box is read with its message, when there is one

  let sent = null;
  // The pupil's own typing, not yet sent: a late reply to an earlier click or arrow key must not
  // overwrite it (on a busy server the reply to ArrowUp can arrive while "12" is being typed).
  let typing = false;
  input.addEventListener("input", () => { typing = true; });
  const send = () => {
    typing = false;
    if (input.value === String(model.get("count")) || input.value === sent) return;
    sent = input.value;
    model.send({ op: "set", value: input.value });
  };
  input.addEventListener("change", send);
  input.addEventListener("blur", send);
  const step = (op) => { typing = false; model.send({ op }); };
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") send();
    else if (e.key === "ArrowUp") { e.preventDefault(); step("add"); }
    else if (e.key === "ArrowDown") { e.preventDefault(); step("take"); }
  });

  const sync = () => {
    sent = null;
    if (!typing) input.value = String(model.get("count"));
    drawMarks(marks, model.get("gates"), model.get("marks_label"));
    const text = model.get("message");
    message.textContent = text;
    el.classList.toggle("cl-has-message", text !== "");
    input.setAttribute("aria-invalid", text !== "" ? "true" : "false");
    const off = !!model.get("disabled");
    minus.disabled = plus.disabled = off;
    input.readOnly = off;
    input.setAttribute("aria-disabled", off ? "true" : "false");
  };
  model.on("change:count", sync);
  model.on("change:gates", sync);
  model.on("change:message", sync);
  model.on("change:revision", sync);
  model.on("change:disabled", sync);
  model.on("change:marks_label", sync);
  sync();
  el.append(swatch, label, minus, input, plus, marks, message);
}

export default { render };

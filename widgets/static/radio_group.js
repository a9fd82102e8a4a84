// A group of choices where exactly one is picked (Show, Chart, Decimal places, the sampler's goal): real radio
// buttons in a named radiogroup, so a screen reader says "Chart, radio group, Bar chart, selected, 1 of 3" and the
// arrow keys move the choice. The value is sent to Python, where the widget checks it is one of the choices.
let next = 0;

function render({ model, el }) {
  const id = `cl-radio-${++next}-${Math.random().toString(36).slice(2, 7)}`;
  el.classList.add("cl-radio-group");
  const label = document.createElement("span");
  label.className = "cl-radio-label";
  label.id = `${id}-label`;
  const group = document.createElement("div");
  group.className = "cl-radio-options";
  group.setAttribute("role", "radiogroup");
  group.setAttribute("aria-labelledby", label.id);
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  const check = () => {
    const options = model.get("options");
    group.querySelectorAll("input").forEach((input, i) => {
      input.checked = options[i] !== undefined && same(options[i][1], model.get("value"));
    });
  };
  const draw = () => {
    label.textContent = model.get("description");
    label.hidden = !model.get("description");
    group.textContent = "";
    model.get("options").forEach(([text, value]) => {
      const choice = document.createElement("label");
      choice.className = "cl-radio";
      const input = document.createElement("input");
      input.type = "radio";
      input.name = id;
      input.disabled = model.get("disabled");
      input.addEventListener("change", () => {
        if (input.checked) { model.set("value", value); model.save_changes(); }
      });
      const words = document.createElement("span");
      words.textContent = text;
      choice.append(input, words);
      group.append(choice);
    });
    check();
  };
  model.on("change:options", draw);
  model.on("change:description", draw);
  model.on("change:disabled", draw);
  model.on("change:value", check);
  draw();
  el.append(label, group);
}

export default { render };

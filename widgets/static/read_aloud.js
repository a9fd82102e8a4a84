// "Read this to me": the browser's own speechSynthesis reads a section's instructions aloud (nothing leaves the
// device). While it speaks the button says "Stop reading" and stops it; one section speaks at a time.
// Drawn, not an emoji: a classroom computer may have no emoji font (then an emoji shows as an empty box).
const SPEAKER_ICON = '<svg viewBox="0 0 24 24" width="22" height="22" focusable="false"><path d="M3 9v6h4l5 5V4L7 9z" ' +
  'fill="currentColor"/><path d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12" stroke="currentColor" stroke-width="2" ' +
  'fill="none" stroke-linecap="round"/></svg>';
const STOP_ICON = '<svg viewBox="0 0 24 24" width="22" height="22" focusable="false"><rect x="6" y="6" width="12" ' +
  'height="12" rx="2" fill="currentColor"/></svg>';

function render({ model, el }) {
  const synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
    el.style.display = "none";  // no voice in this browser: no button that does nothing
    return;
  }
  const button = document.createElement("button");
  button.type = "button";
  button.className = "cl-read-aloud";
  const icon = document.createElement("span");
  icon.className = "cl-read-aloud-icon";
  icon.setAttribute("aria-hidden", "true");
  const words = document.createElement("span");
  button.append(icon, words);
  el.append(button);

  let speaking = null;
  const show = () => {
    const on = speaking !== null;
    icon.innerHTML = on ? STOP_ICON : SPEAKER_ICON;
    words.textContent = on ? model.get("stop_words") : model.get("read_words");
    button.setAttribute("aria-pressed", on ? "true" : "false");
  };
  // Its name is its words; its description is its section's heading ("2. Count"), so a list of buttons says
  // which part each reads. (Not in the name: a label search for "Our question" must find the box, not this.)
  const describe = (tries) => {
    const heading = el.closest(".classlab-section")?.querySelector("h2");
    if (!heading) {
      if (tries > 0) requestAnimationFrame(() => describe(tries - 1));
      return;
    }
    if (!heading.id) heading.id = `classlab-heading-${Math.random().toString(36).slice(2, 10)}`;
    button.setAttribute("aria-describedby", heading.id);
  };
  describe(120);
  const done = (utterance) => {
    if (speaking === utterance) {
      speaking = null;
      show();
    }
  };
  button.addEventListener("click", () => {
    if (speaking !== null) {
      speaking = null;
      synth.cancel();
      show();
      return;
    }
    synth.cancel();  // another section still speaking stops first
    window.dispatchEvent(new CustomEvent("classlab-read-aloud"));
    const utterance = new SpeechSynthesisUtterance(model.get("text"));
    utterance.lang = model.get("lang");
    utterance.rate = 0.9;  // a little slower than usual, for pupils who read slowly
    utterance.onend = () => done(utterance);
    utterance.onerror = () => done(utterance);
    speaking = utterance;
    show();
    synth.speak(utterance);
  });
  // Another section's button started speaking: this one is not speaking any more.
  const other = () => { if (speaking !== null) { speaking = null; show(); } };
  window.addEventListener("classlab-read-aloud", other);
  model.on("change:read_words", show);
  model.on("change:stop_words", show);
  show();
  return () => window.removeEventListener("classlab-read-aloud", other);
}

export default { render };

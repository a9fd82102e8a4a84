// Hands a file made in Python (an export) to the browser as a download.
function render({ model, el }) {
  el.style.display = "none";
  model.on("msg:custom", (msg, buffers) => {
    if (!msg || msg.kind !== "download" || !buffers || !buffers.length) return;
    const blob = new Blob([buffers[0]], { type: msg.mime || "application/octet-stream" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = msg.filename;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });
}
export default { render };

// Records what the triage server sends this page, before textual.js hands it to the terminal:
// window.__triage.text() is everything received so far with escape sequences removed, and
// frames holds [time, bytes] for timing. Installed with page.add_init_script.
(() => {
  const probe = { raw: "", frames: [], keys: [], paints: [] };
  const decoder = new TextDecoder();
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (typeof event.data === "string") return;
        const now = performance.now();
        probe.raw += decoder.decode(new Uint8Array(event.data), { stream: true });
        probe.frames.push([now, event.data.byteLength]);
        // xterm.js draws on an animation frame after parsing: the second one is after the paint
        requestAnimationFrame(() => requestAnimationFrame(() => probe.paints.push(performance.now())));
      });
    }
  };
  window.addEventListener("keydown", () => probe.keys.push(performance.now()), true);
  probe.text = () => probe.raw.replace(/\x1b\[[0-9;?<=>]*[ -\/]*[@-~]|\x1b[PX^_\]].*?(\x07|\x1b\\)|\x1b./gs, "");
  window.__triage = probe;
})();

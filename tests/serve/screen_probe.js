// Records what the triage server sends this page, before textual.js hands it to the terminal
// (xterm.js draws on a canvas, so this is where the page's text can be read). Installed with
// page.add_init_script by tests/serve/test_browser.py and benchmarks/bench_serve.py:
// - text(): everything received so far, escape sequences removed;
// - frames: [arrival ms, bytes, length of raw text after it]; paints[i]: ms of the second
//   animation frame after frame i (xterm.js parses, then draws on the next animation frame);
// - keys: ms of each keydown; opened: ms the socket opened; socketUrl: its address.
(() => {
  const probe = { raw: "", frames: [], paints: [], keys: [], opened: null, socketUrl: null };
  const decoder = new TextDecoder();
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      probe.socketUrl = String(args[0]);
      this.addEventListener("open", () => { probe.opened = performance.now(); });
      this.addEventListener("message", (event) => {
        if (typeof event.data === "string") return;
        probe.raw += decoder.decode(new Uint8Array(event.data), { stream: true });
        const index = probe.frames.push([performance.now(), event.data.byteLength, probe.raw.length]) - 1;
        requestAnimationFrame(() => requestAnimationFrame(() => { probe.paints[index] = performance.now(); }));
      });
    }
  };
  window.addEventListener("keydown", () => probe.keys.push(performance.now()), true);
  probe.text = () =>
    probe.raw.replace(/\x1b\[[0-9;?<=>]*[ -\/]*[@-~]|\x1b[PX^_\]].*?(\x07|\x1b\\)|\x1b./gs, "");
  window.__triage = probe;
})();
